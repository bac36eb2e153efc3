#include "netsim/networks/ensemble.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Cholesky>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "netsim/core/error.h"
#include "netsim/core/memory_budget.h"
#include "netsim/core/random.h"

namespace netsim::networks {
namespace {

// n values of a distribution (one per neuron), checked.
VectorD draw_scalars(const Distribution& dist, Index n, Rng rng, const std::string& where, const char* field) {
  check(dist, 1, where + ": " + field);
  return sample(dist, n, 1, rng).col(0);
}

void expect_size(const VectorD& v, Index n, const std::string& where, const char* field) {
  if (v.size() != n) {
    throw ValidationError(where + ": " + field + ": expected " + std::to_string(n) + " values (one per neuron), got " +
                          std::to_string(v.size()));
  }
}

}  // namespace

EnsemblePorts ensemble(Network& network, const std::string& name, const EnsembleOptions& o) {
  const std::string where = "ensemble '" + name + "'";
  if (o.n_neurons < 1) throw ValidationError(where + ": n_neurons: expected a positive number, got " + std::to_string(o.n_neurons));
  if (o.dimensions < 1) throw ValidationError(where + ": dimensions: expected a positive number, got " + std::to_string(o.dimensions));
  if (!(o.radius > 0.0) || !std::isfinite(o.radius)) throw ValidationError(where + ": radius: expected a number > 0");
  if (o.n_neurons > kMaxNodeSize / o.dimensions) {  // the encoders hold n x d values
    throw ValidationError(where + ": n_neurons: " + std::to_string(o.n_neurons) + " neurons of " + std::to_string(o.dimensions) +
                          " dimensions need more than " + std::to_string(kMaxNodeSize) + " encoder values");
  }
  netsim::check(o.neuron_type, where + ": neuron_type: " + netsim::to_string(o.neuron_type));
  const Index n = o.n_neurons, d = o.dimensions;
  EnsemblePorts e;
  e.name = name;
  e.n_neurons = n;
  e.dimensions = d;
  e.radius = o.radius;
  e.neuron_type = o.neuron_type;

  e.seed = o.seed;
  auto stream = [&](const char* what) { return Rng::for_object(o.seed, name + "." + what); };
  if (o.encoders.size() > 0) {
    if (o.encoders.rows() != n || o.encoders.cols() != d) {
      throw ValidationError(where + ": encoders: expected " + std::to_string(n) + " rows of " + std::to_string(d) +
                            " (n_neurons x dimensions), got " + std::to_string(o.encoders.rows()) + "x" +
                            std::to_string(o.encoders.cols()));
    }
    if (!o.encoders.allFinite()) throw ValidationError(where + ": encoders: expected finite numbers");
    e.encoders = o.encoders;
  } else {
    check(o.encoder_distribution, d, where + ": encoders");
    Rng rng = stream("encoders");
    e.encoders = sample(o.encoder_distribution, n, d, rng);
  }
  for (Index i = 0; i < n; ++i) {  // unit rows, as Nengo makes them
    const double norm = e.encoders.row(i).norm();
    if (!(norm > 0.0)) throw ValidationError(where + ": encoders: row " + std::to_string(i) + " is zero (an encoder needs a direction)");
    e.encoders.row(i) /= norm;
  }
  if (o.eval_points.size() > 0) {
    if (o.eval_points.cols() != d) {
      throw ValidationError(where + ": eval_points: expected points of " + std::to_string(d) + " values (the dimensions), got " +
                            std::to_string(o.eval_points.cols()));
    }
    if (!o.eval_points.allFinite()) throw ValidationError(where + ": eval_points: expected finite numbers");
    e.eval_points = o.eval_points * o.radius;
  } else {
    if (o.n_eval_points < 0) throw ValidationError(where + ": n_eval_points: expected a number >= 0");
    const Index m = o.n_eval_points > 0 ? o.n_eval_points : std::max(std::clamp<Index>(500 * d, 750, 2500), 2 * n);
    check(o.eval_point_distribution, d, where + ": eval_points");
    check_memory(static_cast<std::size_t>(m) * static_cast<std::size_t>(d) * sizeof(double), where + "'s evaluation points",
                 std::to_string(m) + " points of " + std::to_string(d) + " dimensions", "give n_eval_points: fewer");
    Rng rng = stream("eval_points");
    e.eval_points = sample(o.eval_point_distribution, m, d, rng) * o.radius;
  }

  const bool given = o.gain.size() > 0 || o.bias.size() > 0;
  if (given) {
    if (o.max_rates.size() > 0 || o.intercepts.size() > 0) {
      throw ValidationError(where + ": expected either gain and bias or max_rates and intercepts, not both");
    }
    expect_size(o.gain, n, where, "gain");
    expect_size(o.bias, n, where, "bias");
    e.gain = o.gain;
    e.bias = o.bias;
  } else {
    const VectorD rates =
        o.max_rates.size() > 0 ? o.max_rates : draw_scalars(o.max_rate_distribution, n, stream("max_rates"), where, "max_rates");
    const VectorD intercepts = o.intercepts.size() > 0
                                   ? o.intercepts
                                   : draw_scalars(o.intercept_distribution, n, stream("intercepts"), where, "intercepts");
    expect_size(rates, n, where, "max_rates");
    expect_size(intercepts, n, where, "intercepts");
    e.gain.resize(n);
    e.bias.resize(n);
    for (Index i = 0; i < n; ++i) {
      gain_bias(o.neuron_type, rates[i], intercepts[i], where + ": neuron " + std::to_string(i), e.gain[i], e.bias[i]);
    }
  }
  if (o.trainable) {
    for (Index i = 0; i < n; ++i) {
      if (e.gain[i] == 0.0) {
        throw ValidationError(where + ": trainable: a trainable bias trains as bias / gain, but neuron " + std::to_string(i) +
                              " has gain 0");
      }
    }
  }
  e.value = network.node(name, d);
  try {
    const VectorD node_bias = o.trainable ? VectorD::Zero(n) : e.bias;
    VectorD initial_voltage = o.initial_voltage;
    if (initial_voltage.size() == 0 && state_index(o.neuron_type, "voltage") >= 0)
      initial_voltage = draw_scalars(Uniform{0.0, 1.0}, n, stream("initial_voltage"), where, "initial_voltage");
    e.neurons = network.neurons(name + ".neurons", o.neuron_type, e.gain, node_bias, initial_voltage);
  } catch (const ValidationError& err) {
    const std::string message = err.what(), node = "node '" + name + ".neurons': ";
    throw ValidationError(where + ": " + (message.starts_with(node) ? message.substr(node.size()) : message));
  }
  network.connect(e.value, e.neurons,
                  {.transform = Transform::dense(e.encoders / o.radius), .trainable = false, .name = name + ".encoders"});
  if (o.noise) {
    for (Index i = 0; i < n; ++i)
      if (e.gain[i] == 0.0)
        throw ValidationError(where + ": noise: is added to the currents through 1 / gain, but neuron " + std::to_string(i) + " has gain 0");
    const NodeRef noise = network.process(name + ".noise", n, *o.noise, stream("noise").below(std::uint64_t{1} << 62));
    network.connect(noise, e.neurons, {.transform = Transform::diagonal(e.gain.cwiseInverse()), .trainable = false});
  }
  if (o.trainable) {
    const NodeRef one = network.constant(name + ".one", VectorD::Ones(1));
    const MatrixD bias_over_gain = (e.bias.array() / e.gain.array()).matrix();
    network.connect(one, e.neurons, {.transform = Transform::dense(bias_over_gain), .trainable = true, .name = name + ".bias"});
  }
  return e;
}

namespace {

// The neurons' rates at the ensemble's evaluation points (m x n), after checking that they
// and the n x n Gram matrix of the solve fit in memory.
MatrixD rates_at_eval_points(const EnsemblePorts& e) {
  const auto m = static_cast<std::size_t>(e.eval_points.rows()), n = static_cast<std::size_t>(e.n_neurons);
  check_memory((m * n + 2 * n * n) * sizeof(double), "solving the decoders of ensemble '" + e.name + "'",
               std::to_string(m) + " evaluation points x " + std::to_string(n) + " neurons, and the " + std::to_string(n) + " x " +
                   std::to_string(n) + " Gram matrix",
               "use fewer neurons (an ensemble_array of smaller ensembles) or fewer evaluation points (n_eval_points)");
  const MatrixD currents = e.eval_points * e.encoders.transpose() / e.radius;
  MatrixD a(currents.rows(), currents.cols());
  // Neuron by neuron on every core (each column is written by one task: the same values on any split).
  tbb::parallel_for(tbb::blocked_range<Index>(0, e.n_neurons, 16), [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i < r.end(); ++i)
      for (Index p = 0; p < currents.rows(); ++p) a(p, i) = neuron_rate(e.neuron_type, e.bias[i] + e.gain[i] * currents(p, i));
  });
  return a;
}

// f at every evaluation point's picked dimensions (m x k).
MatrixD targets_of(const EnsemblePorts& e, const Decoding& decoding, const std::vector<int>& picked, const std::string& where) {
  const Index m = e.eval_points.rows();
  const auto k = static_cast<Index>(picked.size());
  MatrixD x(m, k);
  for (Index j = 0; j < k; ++j) x.col(j) = e.eval_points.col(picked[static_cast<std::size_t>(j)]);
  if (!decoding.function) return x;
  MatrixD y;
  for (Index p = 0; p < m; ++p) {
    const VectorD v = decoding.function(x.row(p).transpose());
    if (p == 0) {
      if (v.size() < 1) throw ValidationError(where + ": function: expected at least one value, got none");
      y.resize(m, v.size());
    }
    if (v.size() != y.cols()) {
      throw ValidationError(where + ": function: gave " + std::to_string(y.cols()) + " values at the first evaluation point and " +
                            std::to_string(v.size()) + " at point " + std::to_string(p));
    }
    if (!v.allFinite()) {
      std::string at;
      for (Index j = 0; j < k; ++j) at += (j ? ", " : "") + std::to_string(x(p, j));
      throw ValidationError(where + ": function: not finite at the evaluation point [" + at + "]");
    }
    y.row(p) = v.transpose();
  }
  return y;
}

std::string decoding_origin(const EnsemblePorts& e, const Slice& dimensions) {
  return "ensemble '" + e.name + dimensions.to_string() + "'";
}

}  // namespace

MatrixD solve_decoders(const EnsemblePorts& e, const Decoding& decoding, const Slice& dimensions) {
  const std::string where = decoding_origin(e, dimensions);
  check(decoding.solver, where);
  const std::vector<int> picked = dimensions.resolve(static_cast<int>(e.dimensions), where);
  return solve(decoding.solver, rates_at_eval_points(e), targets_of(e, decoding, picked, where), where);
}

const Connection& connect_function(Network& network, const EnsemblePorts& from, const NodeRef& post, const Decoding& decoding,
                                   ConnectionOptions options, const Slice& dimensions, const EnsemblePorts* to) {
  const std::string where = decoding_origin(from, dimensions);
  if (!decoding.solver.weights) {
    const MatrixD d = solve_decoders(from, decoding, dimensions);  // n x k
    // connect_decoded picks columns of decoders shaped n x (ensemble's d); give it d's own.
    return connect_decoded_columns(network, from, post, d, std::move(options));
  }
  if (!to || post.name != to->value.name) {
    throw ValidationError(where + ": solver: weights: true connects neuron to neuron, so the post must be an ensemble, got '" +
                          post.name + "'");
  }
  check(decoding.solver, where);
  const std::vector<int> picked = dimensions.resolve(static_cast<int>(from.dimensions), where);
  const std::vector<int> post_picked = post.slice.resolve(static_cast<int>(to->dimensions), where + ": post");
  const MatrixD targets = targets_of(from, decoding, picked, where);  // m x k
  const Index k = targets.cols(), post_k = static_cast<Index>(post_picked.size());
  const std::string label = options.name.empty() ? from.name + ".neurons->" + to->name + ".neurons" : options.name;
  options.transform.check_shape(k, post_k, "connection '" + label + "'");
  Rng unused(0);
  const MatrixD t = options.transform.to_matrix(k, post_k, unused);  // post_k x k
  MatrixD encoders(to->n_neurons, post_k);                           // the post's, for the picked dimensions
  for (Index j = 0; j < post_k; ++j) encoders.col(j) = to->encoders.col(post_picked[static_cast<std::size_t>(j)]) / to->radius;
  MatrixD w;  // post neurons x pre neurons, before the post's gains
  const MatrixD a = rates_at_eval_points(from);
  if (decoding.solver.non_negative()) {
    // Solve for the weights onto the post's currents (its gains included), as Nengo does.
    const MatrixD scaled = to->gain.asDiagonal() * encoders;  // n_post x post_k
    const MatrixD x = solve(decoding.solver, a, targets * t.transpose() * scaled.transpose(), where);  // n_pre x n_post
    for (Index i = 0; i < to->n_neurons; ++i) {
      if (to->gain[i] == 0.0)
        throw ValidationError(where + ": solver: weights onto neuron " + std::to_string(i) + " of '" + to->name +
                              "', whose gain is 0, cannot be expressed (netsim applies the post's gains to its inputs)");
    }
    w = to->gain.cwiseInverse().asDiagonal() * x.transpose();
  } else {
    const MatrixD d = solve(decoding.solver, a, targets, where);  // n_pre x k
    w = encoders * t * d.transpose();
  }
  options.transform = Transform::dense(w);
  return network.connect(from.neurons, to->neurons, std::move(options));  // named NAME.neurons->POST.neurons unless given
}

std::string probe_decoded(Network& network, const EnsemblePorts& ensemble, ProbeOptions options,
                          const Slice& dimensions) {
  const std::string decoded = ensemble.name + ".decoded";
  if (!network.find_node(decoded))
    connect_decoded(network, ensemble, network.node(decoded, ensemble.dimensions), solve_decoders(ensemble),
                    {.trainable = false});
  return network.probe(NodeRef{decoded, dimensions}, std::move(options));
}

const Connection& connect_decoded(Network& network, const EnsemblePorts& from, const NodeRef& post,
                                  const MatrixD& decoders, ConnectionOptions options, const Slice& dimensions) {
  const NodeRef pre{from.name, dimensions};
  const std::string label = options.name.empty() ? pre.name + "->" + post.name : options.name;
  const std::string where = "connection '" + label + "'";
  if (decoders.rows() != from.n_neurons || decoders.cols() != from.dimensions) {
    throw ValidationError(where + ": decoders: expected " + std::to_string(from.n_neurons) + " rows of " +
                          std::to_string(from.dimensions) + " (n_neurons x dimensions of ensemble '" + from.name + "'), got " +
                          std::to_string(decoders.rows()) + "x" + std::to_string(decoders.cols()));
  }
  const std::vector<int> picked = dimensions.resolve(static_cast<int>(from.dimensions), where + ": pre " + pre.to_string());
  const auto k = static_cast<Index>(picked.size());
  MatrixD used(from.n_neurons, k);
  for (Index j = 0; j < k; ++j) used.col(j) = decoders.col(picked[static_cast<std::size_t>(j)]);
  return connect_decoded_columns(network, from, post, used, std::move(options));
}

const Connection& connect_decoded_columns(Network& network, const EnsemblePorts& from, const NodeRef& post,
                                          const MatrixD& used, ConnectionOptions options) {
  const std::string label = options.name.empty() ? from.name + "->" + post.name : options.name;
  const std::string where = "connection '" + label + "'";
  if (used.rows() != from.n_neurons) {
    throw ValidationError(where + ": decoders: expected " + std::to_string(from.n_neurons) + " rows (the neurons of ensemble '" +
                          from.name + "'), got " + std::to_string(used.rows()));
  }
  if (!used.allFinite()) throw ValidationError(where + ": decoders: expected finite numbers");
  const Node* post_node = network.find_node(post.name);
  if (!post_node) throw ValidationError(where + ": post: unknown node '" + post.name + "'");
  const Index post_size = static_cast<Index>(post.slice.resolve(static_cast<int>(post_node->size_in), where + ": post").size());
  const Index k = used.cols();
  const Transform& t = options.transform;
  if (!(t.is_elementwise() || t.kind() == Transform::Kind::dense)) {
    throw ValidationError(where + ": transform: expected identity, a scalar, a diagonal or a dense matrix (it is " +
                          "multiplied into the decoders), got " + t.to_string());
  }
  t.check_shape(k, post_size, where);
  Rng unused(0);
  const MatrixD combined = t.to_matrix(k, post_size, unused) * used.transpose();
  options.transform = Transform::dense(combined);
  return network.connect(from.neurons, post, std::move(options));  // named NAME.neurons->post unless given
}

}  // namespace netsim::networks
