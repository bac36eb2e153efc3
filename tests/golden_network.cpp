#include "golden_network.h"

#include <yaml-cpp/yaml.h>

namespace netsim::test {
namespace {

MatrixD to_matrix(const YAML::Node& rows) {
  MatrixD m(static_cast<Index>(rows.size()), static_cast<Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size(); ++j) m(static_cast<Index>(i), static_cast<Index>(j)) = rows[i][j].as<double>();
  return m;
}

Synapse to_synapse(const YAML::Node& s) {
  if (!s || s.IsNull()) return Synapse::none();
  const auto type = s["type"].as<std::string>();
  const double tau = s["tau"].as<double>();
  if (type == "Lowpass") return Synapse::lowpass(tau);
  if (type == "Alpha") return Synapse::alpha(tau);
  throw Error("golden: unknown synapse type " + type);
}

}  // namespace

std::string golden_path(const std::string& file) { return std::string(NETSIM_TEST_DATA) + "/golden/" + file; }

GoldenCase load_golden(const std::string& file) {
  const YAML::Node root = YAML::LoadFile(golden_path(file));
  GoldenCase g;
  g.name = root["case"].as<std::string>();
  g.dt = root["dt"].as<double>();
  g.steps = root["n_steps"].as<long>();
  Network& net = g.network;
  for (const auto& node : root["network"]["nodes"]) {
    const auto name = node["name"].as<std::string>();
    const auto& out = node["output"];
    const auto kind = out["kind"].as<std::string>();
    const Index size_out = node["size_out"].as<Index>();
    if (kind == "sequence") {
      net.sequence(name, to_matrix(out["values"]));
    } else if (kind == "passthrough") {
      net.node(name, size_out);
    } else if (kind == "constant") {
      auto v = out["value"].as<std::vector<double>>();
      net.constant(name, Eigen::Map<VectorD>(v.data(), static_cast<Index>(v.size())));
    } else if (kind == "time") {
      net.time(name);
    } else if (kind == "function" && out["fn"].as<std::string>() == "tanh") {
      net.node(name, size_out, Activation::tanh);
    } else {
      throw Error("golden: unknown node kind " + kind);
    }
  }
  for (const auto& c : root["network"]["connections"]) {
    net.connect(NodeRef{c["pre"].as<std::string>(), {}}, NodeRef{c["post"].as<std::string>(), {}},
                {.transform = Transform::dense(to_matrix(c["transform"])), .synapse = to_synapse(c["synapse"])});
  }
  for (const auto& p : root["network"]["probes"]) {
    ProbeOptions o{.name = p["name"].as<std::string>(), .synapse = to_synapse(p["synapse"])};
    if (p["sample_every"] && !p["sample_every"].IsNull()) o.sample_every = p["sample_every"].as<double>();
    net.probe(NodeRef{p["target"].as<std::string>(), {}}, o);
  }
  for (const auto& kv : root["probe_data"])
    g.probe_data[kv.first.as<std::string>()] = kv.second.as<std::vector<std::vector<double>>>();
  for (const auto& kv : root["probe_times"])
    g.probe_times[kv.first.as<std::string>()] = kv.second.as<std::vector<double>>();
  return g;
}

}  // namespace netsim::test
