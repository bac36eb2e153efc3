#include "netsim/networks/action_selection.h"

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {
namespace {

// Nengo's weights of the model (its Weights class).
constexpr double kStrThreshold = 0.2, kStnThreshold = -0.25, kGpeThreshold = -0.2, kGpiThreshold = -0.2;
constexpr double kWs = 1.0, kWt = 1.0, kWm = 1.0, kWg = 1.0, kWp = 0.9, kWe = 0.3, kLe = 0.2, kLg = 0.2;

// max(x - threshold, 0): each population's rectified output (slope 1).
Decoding rectified(double threshold) {
  return {.function = [threshold](const VectorD& x) { return VectorD::Constant(1, x[0] < threshold ? 0.0 : x[0] - threshold); },
          .solver = {.kind = Solver::Kind::nnls_l2nz}};
}

EnsembleArray population(Network& network, const std::string& name, const BasalGangliaOptions& o, double low) {
  EnsembleArrayOptions a{.n_neurons = o.n_neurons_per_ensemble, .n_ensembles = o.dimensions, .ensemble = o.ensemble};
  a.ensemble.radius = 1.5;
  a.ensemble.encoders = MatrixD::Ones(o.n_neurons_per_ensemble, 1);
  a.ensemble.intercept_distribution = Uniform{low, 1.0};
  a.output_decoding.solver = {.kind = Solver::Kind::nnls_l2nz};
  a.seed = Rng::for_object(o.seed, name).below(std::uint64_t{1} << 62);
  return ensemble_array(network, name, a);
}

}  // namespace

BasalGangliaPorts basal_ganglia(Network& network, const std::string& name, const BasalGangliaOptions& o) {
  const std::string where = "basal_ganglia '" + name + "'";
  if (o.dimensions < 1) throw ValidationError(where + ": dimensions: expected a positive number of actions");
  if (!(o.ampa_synapse > 0.0) || !(o.gaba_synapse > 0.0)) throw ValidationError(where + ": synapses: expected time constants > 0");
  BasalGangliaPorts bg;
  bg.strD1 = population(network, name + ".strD1", o, kStrThreshold);
  bg.strD2 = population(network, name + ".strD2", o, kStrThreshold);
  bg.stn = population(network, name + ".stn", o, kStnThreshold);
  bg.gpi = population(network, name + ".gpi", o, kGpiThreshold);
  bg.gpe = population(network, name + ".gpe", o, kGpeThreshold);
  bg.input = network.node(name + ".input", o.dimensions);
  bg.output = network.node(name + ".output", o.dimensions);
  if (o.input_bias != 0.0) {
    const NodeRef bias = network.constant(name + ".bias", VectorD::Constant(o.dimensions, o.input_bias));
    network.connect(bias, bg.input, {.synapse = Synapse::lowpass(0.005)});
  }
  network.connect(bg.input, bg.strD1.input, {.transform = kWs * (1 + kLg)});
  network.connect(bg.input, bg.strD2.input, {.transform = kWs * (1 - kLe)});
  network.connect(bg.input, bg.stn.input, {.transform = kWt});
  const Synapse gaba = Synapse::lowpass(o.gaba_synapse), ampa = Synapse::lowpass(o.ampa_synapse);
  const NodeRef d1 = add_output(network, bg.strD1, "func_str", rectified(kStrThreshold));
  const NodeRef d2 = add_output(network, bg.strD2, "func_str", rectified(kStrThreshold));
  network.connect(d1, bg.gpi.input, {.transform = -kWm, .synapse = gaba});
  network.connect(d2, bg.gpe.input, {.transform = -kWm, .synapse = gaba});
  const MatrixD spread = MatrixD::Constant(o.dimensions, o.dimensions, kWp);  // STN excites every action
  const NodeRef stn = add_output(network, bg.stn, "func_stn", rectified(kStnThreshold));
  network.connect(stn, bg.gpi.input, {.transform = Transform::dense(spread), .synapse = ampa});
  network.connect(stn, bg.gpe.input, {.transform = Transform::dense(spread), .synapse = ampa});
  const NodeRef gpe = add_output(network, bg.gpe, "func_gpe", rectified(kGpeThreshold));
  network.connect(gpe, bg.gpi.input, {.transform = -kWe, .synapse = gaba});
  network.connect(gpe, bg.stn.input, {.transform = -kWg, .synapse = gaba});
  const NodeRef gpi = add_output(network, bg.gpi, "func_gpi", rectified(kGpiThreshold));
  network.connect(gpi, bg.output, {.transform = o.output_weight});
  return bg;
}

ThalamusPorts thalamus(Network& network, const std::string& name, const ThalamusOptions& o) {
  if (o.dimensions < 1) throw ValidationError("thalamus '" + name + "': dimensions: expected a positive number of actions");
  ThalamusPorts t;
  EnsembleArrayOptions a{.n_neurons = o.n_neurons_per_ensemble, .n_ensembles = o.dimensions, .ensemble = o.ensemble};
  a.ensemble.encoders = MatrixD::Ones(o.n_neurons_per_ensemble, 1);
  a.ensemble.intercept_distribution = Uniform{o.threshold, 1.0};
  a.seed = Rng::for_object(o.seed, name + ".actions").below(std::uint64_t{1} << 62);
  t.actions = ensemble_array(network, name + ".actions", a);
  const MatrixD inhibition = (MatrixD::Identity(o.dimensions, o.dimensions) - MatrixD::Ones(o.dimensions, o.dimensions)) * o.mutual_inhibition;
  network.connect(t.actions.output, t.actions.input, {.transform = Transform::dense(inhibition), .synapse = Synapse::lowpass(0.005)});
  const NodeRef bias = network.constant(name + ".bias", VectorD::Ones(1));
  network.connect(bias, t.actions.input, {.transform = Transform::dense(MatrixD::Ones(o.dimensions, 1)), .synapse = Synapse::lowpass(0.005)});
  t.input = t.actions.input;
  t.output = t.actions.output;
  return t;
}

}  // namespace netsim::networks
