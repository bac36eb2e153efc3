#pragma once
// The pieces of load_network_file, one per section or value kind. Each records located
// diagnostics on the YamlValue's list and returns std::nullopt / skips the object when a
// value is unusable, so that one pass reports every independent problem.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "netsim/config/training_settings.h"
#include "netsim/core/nd_array.h"
#include "netsim/core/process.h"
#include "netsim/core/network.h"
#include "netsim/core/synapse.h"
#include "netsim/core/transform.h"
#include "netsim/networks/ensemble.h"
#include "expression.h"
#include "yaml_value.h"

namespace netsim::config {

struct ReadContext {
  std::string folder;                        // relative file paths resolve here
  std::set<std::string> failed_nodes;        // nodes with errors: connections to them are skipped
  std::map<std::string, YAML::Mark> connection_marks;  // connection key -> its entry
  std::map<std::string, std::string> ports;  // "lmu.hidden" -> "lmu.h" (networks: section)
  std::map<std::string, networks::EnsemblePorts> ensembles;  // ensemble: entries of nodes:
  std::uint64_t seed = 0;  // the file's seed: ensembles without one of their own derive theirs from it
};

// networks: {NAME: {kind: lmu, ...}}: adds each network's nodes and connections and
// records its ports in context.ports.
void read_networks(const YamlValue& networks, ReadContext& context, Network& network);
// A network port ("lmu.hidden") as the node it stands for; other names unchanged.
std::string resolve_port(const ReadContext& context, const std::string& name);

// {file: F} or {file: F, key: K} (an .npz member): the array, or nullopt with a diagnostic.
std::optional<NdArray> read_array_file(const YamlValue& value, const ReadContext& context);

// none | 0 | τ | {lowpass: τ} | {alpha: τ} | {linear_filter: {num: [...], den: [...]}}
std::optional<Synapse> read_synapse(const YamlValue& value);

// number | [diagonal] | [[dense rows]] | {init: NAME, ...} | {file: F, key: K} |
// {convolution: {...}} | {average_pooling: {...}}
std::optional<Transform> read_transform(const YamlValue& value, const ReadContext& context);

// {input_shape: [H, W, C], filters, kernel_size, strides: 1, padding: valid, kernel_init}
std::optional<Transform> read_convolution(const YamlValue& value, const ReadContext& context);
// {input_shape: [H, W, C], pool_size, strides: pool_size, padding: valid}
std::optional<PoolingSpec> read_pooling(const YamlValue& value);

void read_nodes(const YamlValue& nodes, ReadContext& context, Network& network);
// `EXPR` or [EXPR, ...]: the formulas' texts (one per output).
std::optional<std::vector<std::string>> read_expression_texts(const YamlValue& value);
// The formulas compiled in `variables`; a syntax error is reported at `value`.
std::optional<Expressions> compile_expressions(const YamlValue& value, const std::vector<std::string>& texts,
                                               const std::vector<std::string>& variables,
                                               const Expressions::Aliases& aliases = {});
// `lif` or {lif: {tau_rc: ..., ...}}: the type with Nengo's defaults for what is not given.
std::optional<NeuronType> read_neuron_type(const YamlValue& value);
// An ensemble: entry (docs/neurons.md): adds its nodes (NAME, NAME.neurons) and records it
// in context.ensembles; false (with diagnostics) if it could not.
// A distribution of d-dimensional samples (docs/nef.md); is_distribution: whether a value
// names one (rather than giving the values).
std::optional<Distribution> read_distribution(const YamlValue& value, Index d);
bool is_distribution(const YamlValue& value);
// A process (docs/nef.md, "Processes") and the size it implies (piecewise, present_input;
// 0 for the others, which take any size).
std::optional<std::pair<Process, Index>> read_process(const YamlValue& value);
// The ensemble keys present in `v` (docs/neurons.md) into `o`; false (with diagnostics) if
// one is unusable. `name` derives the seed from the file's when `v` gives none.
bool read_ensemble_options(const YamlValue& v, const std::string& name, const ReadContext& context, networks::EnsembleOptions& o);
bool read_ensemble(const std::string& name, const YamlValue& value, ReadContext& context, Network& network);
void read_connections(const YamlValue& connections, ReadContext& context, Network& network);
void read_probes(const YamlValue& probes, ReadContext& context, Network& network);

// The data: section: sources checked to exist, node and probe names checked against the
// network; nothing is read yet.
std::optional<DataSettings> read_data(const YamlValue& data, const ReadContext& context, const Network& network);
// The train: section; loss probes checked against the network.
std::optional<TrainSettings> read_train(const YamlValue& train, const Network& network);

// A core ValidationError message "<object>: <field>: expected ..." reported on `value`
// without the repeated object prefix: "expected ... (connection 'u->h')".
void report_core_error(const YamlValue& value, const std::string& message, const std::string& object,
                       const std::string& field);

}  // namespace netsim::config
