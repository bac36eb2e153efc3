#pragma once
// Nengo 4.1's action selection networks (Gurney, Prescott and Redgrave's model, as Nengo
// builds it):
//
// basal_ganglia: ensemble arrays NAME.strD1, strD2, stn, gpi, gpe (n_neurons_per_ensemble
//   1-D ensembles per action, radius 1.5, encoders all +1, intercepts uniform from each
//   population's threshold to 1, decoders by nnls_l2nz), between NAME.input and
//   NAME.output: the striatum and STN read the input (synapse none), their rectified
//   outputs reach GPi and GPe through GABA (lowpass 8 ms) and AMPA (lowpass 2 ms)
//   synapses, and GPi's output, times output_weight (-3), is NAME.output: the selected
//   action is the one whose output is near 0, the others strongly negative.
// thalamus: an ensemble array NAME.actions (encoders +1, intercepts uniform in [threshold,
//   1)) with mutual inhibition and a bias of 1 (lowpass 5 ms): NAME.input / NAME.output.

#include <string>

#include "netsim/networks/ensemble_array.h"

namespace netsim::networks {

struct BasalGangliaOptions {
  Index dimensions = 1;  // actions
  Index n_neurons_per_ensemble = 100;
  double output_weight = -3.0;
  double input_bias = 0.0;
  double ampa_synapse = 0.002;  // lowpass time constants
  double gaba_synapse = 0.008;
  EnsembleOptions ensemble;     // the ensembles' other parameters (neuron type, ...)
  std::uint64_t seed = 0;
};

struct BasalGangliaPorts {
  NodeRef input, output;
  EnsembleArray strD1, strD2, stn, gpi, gpe;
};

BasalGangliaPorts basal_ganglia(Network& network, const std::string& name, const BasalGangliaOptions& options);

struct ThalamusOptions {
  Index dimensions = 1;
  Index n_neurons_per_ensemble = 50;
  double mutual_inhibition = 1.0;
  double threshold = 0.0;
  EnsembleOptions ensemble;
  std::uint64_t seed = 0;
};

struct ThalamusPorts {
  NodeRef input, output;
  EnsembleArray actions;
};

ThalamusPorts thalamus(Network& network, const std::string& name, const ThalamusOptions& options);

}  // namespace netsim::networks
