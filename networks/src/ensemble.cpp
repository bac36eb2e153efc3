#include "netsim/networks/ensemble.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Cholesky>

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {
namespace {

// A point uniform on the unit sphere in d dimensions (normal, normalised).
VectorD on_sphere(Rng& rng, Index d) {
  VectorD v(d);
  do {
    for (Index i = 0; i < d; ++i) v[i] = rng.normal();
  } while (v.norm() == 0.0);
  return v / v.norm();
}

VectorD uniform(Rng& rng, Index n, double lo, double hi) {
  VectorD v(n);
  for (Index i = 0; i < n; ++i) v[i] = rng.uniform(lo, hi);
  return v;
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
  check(o.neuron_type, where + ": neuron_type: " + to_string(o.neuron_type));
  const Index n = o.n_neurons, d = o.dimensions;
  EnsemblePorts e;
  e.name = name;
  e.n_neurons = n;
  e.dimensions = d;
  e.radius = o.radius;
  e.neuron_type = o.neuron_type;

  Rng rng = Rng::for_object(o.seed, name);
  if (o.encoders.size() > 0) {
    if (o.encoders.rows() != n || o.encoders.cols() != d) {
      throw ValidationError(where + ": encoders: expected " + std::to_string(n) + " rows of " + std::to_string(d) +
                            " (n_neurons x dimensions), got " + std::to_string(o.encoders.rows()) + "x" +
                            std::to_string(o.encoders.cols()));
    }
    if (!o.encoders.allFinite()) throw ValidationError(where + ": encoders: expected finite numbers");
    e.encoders = o.encoders;  // used as given (the goldens' are unit vectors already)
  } else {
    e.encoders.resize(n, d);
    for (Index i = 0; i < n; ++i) e.encoders.row(i) = on_sphere(rng, d).transpose();
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
    const VectorD rates = o.max_rates.size() > 0 ? o.max_rates : uniform(rng, n, 200.0, 400.0);
    const VectorD intercepts = o.intercepts.size() > 0 ? o.intercepts : uniform(rng, n, -1.0, 0.9);
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
    e.neurons = network.neurons(name + ".neurons", o.neuron_type, e.gain, node_bias, o.initial_voltage);
  } catch (const ValidationError& err) {
    const std::string message = err.what(), node = "node '" + name + ".neurons': ";
    throw ValidationError(where + ": " + (message.starts_with(node) ? message.substr(node.size()) : message));
  }
  network.connect(e.value, e.neurons,
                  {.transform = Transform::dense(e.encoders / o.radius), .trainable = false, .name = name + ".encoders"});
  if (o.trainable) {
    const NodeRef one = network.constant(name + ".one", VectorD::Ones(1));
    const MatrixD bias_over_gain = (e.bias.array() / e.gain.array()).matrix();
    network.connect(one, e.neurons, {.transform = Transform::dense(bias_over_gain), .trainable = true, .name = name + ".bias"});
  }
  return e;
}

MatrixD solve_decoders(const EnsemblePorts& e, double reg, std::uint64_t seed, Index eval_points) {
  const Index n = e.n_neurons, d = e.dimensions;
  if (n > kMaxSolvedNeurons) {
    throw ValidationError("ensemble '" + e.name + "': decoders: solving for " + std::to_string(n) + " neurons is refused (at most " +
                          std::to_string(kMaxSolvedNeurons) + ": the solve holds (2n x n) rates); give decoders: instead");
  }
  const Index m = eval_points > 0 ? eval_points : std::max(std::clamp<Index>(500 * d, 750, 2500), 2 * n);
  Rng rng = Rng::for_object(seed, e.name + ".eval_points");
  MatrixD x(m, d);
  for (Index p = 0; p < m; ++p) {  // uniform in the ball: a direction, radius u^(1/d)
    const double r = std::pow(rng.uniform(), 1.0 / static_cast<double>(d));
    x.row(p) = (on_sphere(rng, d) * r * e.radius).transpose();
  }
  MatrixD a(m, n);
  const MatrixD currents = (x * e.encoders.transpose() / e.radius);
  for (Index p = 0; p < m; ++p)
    for (Index i = 0; i < n; ++i) a(p, i) = neuron_rate(e.neuron_type, e.bias[i] + e.gain[i] * currents(p, i));
  const double sigma = reg * a.maxCoeff();
  MatrixD gram = a.transpose() * a;
  gram.diagonal().array() += static_cast<double>(m) * sigma * sigma;
  return gram.ldlt().solve(a.transpose() * x);
}

std::string probe_decoded(Network& network, const EnsemblePorts& ensemble, ProbeOptions options,
                          const Slice& dimensions) {
  const std::string decoded = ensemble.name + ".decoded";
  if (!network.find_node(decoded))
    connect_decoded(network, ensemble, network.node(decoded, ensemble.dimensions),
                    solve_decoders(ensemble), {.trainable = false});
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
  if (!decoders.allFinite()) throw ValidationError(where + ": decoders: expected finite numbers");
  const Node* post_node = network.find_node(post.name);
  if (!post_node) throw ValidationError(where + ": post: unknown node '" + post.name + "'");
  const Index post_size = static_cast<Index>(post.slice.resolve(static_cast<int>(post_node->size_in), where + ": post").size());
  const std::vector<int> picked = dimensions.resolve(static_cast<int>(from.dimensions), where + ": pre " + pre.to_string());
  const auto k = static_cast<Index>(picked.size());
  MatrixD used(from.n_neurons, k);
  for (Index j = 0; j < k; ++j) used.col(j) = decoders.col(picked[static_cast<std::size_t>(j)]);
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
