// load_network_file from C++: every documented form becomes the right Network object.
#include <doctest/doctest.h>

#include <filesystem>

#include "netsim/config/network_file.h"
#include "netsim/core/npy.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

// The example of docs/yaml.md (and of the issue that introduced the format).
constexpr const char* kExample = R"(netsim: 1
name: demo
seed: 7
dt: 1.0
nodes:
  x:   {input: 1}
  c:   {constant: [0.5, -1.0]}
  s:   {sequence: [[0.0], [1.0], [0.5]]}
  s2:  {sequence: {file: data/s.npy}}
  u:   {size: 1}
  h:   {size: 4, activation: tanh}
  out: {size: 2}
connections:
  - {from: x, to: u}
  - {from: u, to: h, transform: {init: glorot_uniform}}
  - {from: h, to: h, transform: {init: orthogonal}, synapse: 0}
  - {from: "c[0]", to: u, transform: 2.0, synapse: {lowpass: 0.005}}
  - {from: s, to: u, transform: [[1.0]], synapse: {alpha: 0.01}}
  - {from: s2, to: u, synapse: 0.02}
  - {from: h, to: out, transform: {file: data/w.npy}}
  - {from: h, to: out, name: skip, transform: [[1,0,0,0],[0,1,0,0]], trainable: false}
  - {from: c, to: out, transform: [1.0, 2.0], synapse: {linear_filter: {num: [1], den: [0.1, 1]}}}
probes:
  out_p: {target: out, keep_history: true, sample_every: 1.0, synapse: none}
  h_last: {target: "h[1:3]", keep_history: false}
run: {steps: 784, minibatch: 1}
)";

}  // namespace

TEST_CASE("network file: the documented example loads with every form") {
  const ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  dir.write("data/s.npy", format_npy(NdArray{{3}, {0.f, 1.f, 0.5f}}));
  dir.write("data/w.npy", format_npy(NdArray{{2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}}));
  const std::string path = dir.write("demo.yaml", kExample);
  // Relative paths resolve against the YAML's folder, not the working directory.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::temp_directory_path());
  const config::NetworkFile f = config::load_network_file(path);
  std::filesystem::current_path(cwd);

  CHECK(f.dt == 1.0);
  CHECK(f.seed == 7);
  CHECK(f.run.steps == 784);
  CHECK(f.run.minibatch == 1);
  const Network& n = f.network;
  CHECK(n.name() == "demo");
  CHECK(n.nodes().size() == 7);
  CHECK(n.find_node("x")->kind() == NodeKind::input);
  CHECK(n.find_node("c")->as<ConstantNode>()->value(1) == -1.0);
  CHECK(n.find_node("s2")->as<SequenceNode>()->rows.rows() == 3);
  CHECK(n.find_node("h")->as<ActivationNode>()->activation == Activation::tanh);
  REQUIRE(n.connections().size() == 9);
  CHECK(n.find_connection("x->u")->transform.kind() == Transform::Kind::identity);
  CHECK(n.find_connection("h->h")->synapse.to_string() == "0");
  CHECK(n.find_connection("c->u")->synapse.to_string() == "lowpass(0.005)");
  CHECK(n.find_connection("c->u")->pre_indices == std::vector<int>{0});
  CHECK(n.find_connection("s->u")->synapse.kind() == Synapse::Kind::alpha);
  CHECK(n.find_connection("s2->u")->synapse.to_string() == "lowpass(0.02)");
  CHECK(n.find_connection("h->out")->transform.matrix()(1, 3) == 8.0);
  CHECK_FALSE(n.find_connection("skip")->trainable);
  CHECK(n.find_connection("h->out")->trainable);
  CHECK(n.find_connection("c->out")->transform.kind() == Transform::Kind::diagonal);
  CHECK(n.find_connection("c->out")->synapse.kind() == Synapse::Kind::linear_filter);
  CHECK(n.find_probe("out_p")->sample_every == 1.0);
  CHECK(n.find_probe("h_last")->indices == std::vector<int>{1, 2});
  CHECK_FALSE(n.find_probe("h_last")->keep_history);
}

TEST_CASE("network file: independent problems are all reported in one pass") {
  const ScratchDir dir;
  const std::string path = dir.write("bad.yaml", R"(netsim: 1
nodes:
  a: {size: 0}
  b: {size: 2, activation: tahn}
connections:
  - {from: a, to: b}
  - {from: b, to: c}
probes:
  p: {target: b, sample_every: -1}
)");
  try {
    config::load_network_file(path);
    FAIL("expected a ConfigError");
  } catch (const config::ConfigError& e) {
    const auto& d = e.diagnostics();
    REQUIRE(d.size() == 4);  // a.size, b.activation, unknown c, sample_every (a->b skipped: a failed)
    CHECK(d[0].line == 3);
    CHECK(d[0].path == "nodes.a.size");
    CHECK(d[1].path == "nodes.b.activation");
    CHECK(d[1].message.find("\"tahn\"") != std::string::npos);
    CHECK(d[2].path == "connections[1].to");
    CHECK(d[2].column == 19);
  CHECK(d[2].message == "unknown node 'c'");  // no hint: one letter is too short to guess from
    CHECK(d[3].path == "probes.p.sample_every");
  }
}

TEST_CASE("network file: defaults are Nengo's dt, seed 0, synapse none, identity transform") {
  const ScratchDir dir;
  const auto f = config::load_network_file(dir.write("min.yaml", "netsim: 1\nnodes: {a: {size: 1}, b: {size: 1}}\n"
                                                                 "connections: [{from: a, to: b}]\n"));
  CHECK(f.dt == 0.001);
  CHECK(f.seed == 0);
  CHECK_FALSE(f.run.steps.has_value());
  CHECK(f.network.connections()[0].synapse.is_none());
  CHECK(f.network.connections()[0].transform.kind() == Transform::Kind::identity);
  CHECK(f.network.name() == "network");
}

TEST_CASE(
    "network file: run.time is a duration in seconds, round(time / dt) steps as Nengo's sim.run") {
  const ScratchDir dir;
  const std::string body = "netsim: 1\nnodes: {a: {size: 1}}\n";
  CHECK(config::load_network_file(dir.write("t.yaml", body + "run: {time: 0.25}\n")).run.steps ==
        250);
  CHECK(config::load_network_file(dir.write("r.yaml", body + "dt: 0.003\nrun: {time: 0.01}\n"))
            .run.steps == 3);  // 3.33
  CHECK(config::load_network_file(dir.write("h.yaml", body + "dt: 0.5\nrun: {time: 3600}\n"))
            .run.steps == 7200);
}

TEST_CASE("network file: run.rewrites switches the time-parallel rewrites off, together or one by one") {
  const ScratchDir dir;
  const std::string body = "netsim: 1\nnodes: {a: {size: 1}}\nrun: ";
  const auto on = config::load_network_file(dir.write("on.yaml", body + "{steps: 2}\n"));
  CHECK(on.simulator_options().rewrites.lti_convolution);
  CHECK(on.simulator_options().rewrites.last_step_only);
  const auto off = config::load_network_file(dir.write("off.yaml", body + "{rewrites: false}\n"));
  CHECK_FALSE(off.simulator_options().rewrites.lti_convolution);
  CHECK_FALSE(off.simulator_options().rewrites.time_batched_gemm);
  CHECK_FALSE(off.simulator_options().rewrites.last_step_only);
  CHECK_FALSE(off.simulator_options().rewrites.identity_inputs);
  const auto one = config::load_network_file(dir.write("one.yaml", body + "{rewrites: {lti_convolution: false}}\n"));
  CHECK_FALSE(one.simulator_options().rewrites.lti_convolution);
  CHECK(one.simulator_options().rewrites.time_batched_gemm);
  CHECK(one.simulator_options().rewrites.last_step_only);
  CHECK(one.simulator_options().rewrites.identity_inputs);
  const auto other = config::load_network_file(dir.write("other.yaml", body + "{rewrites: {identity_inputs: false}}\n"));
  CHECK_FALSE(other.simulator_options().rewrites.identity_inputs);
  CHECK(other.simulator_options().rewrites.lti_convolution);
}

TEST_CASE("network file: convolution, average pooling and max pooling forms") {
  const ScratchDir dir;
  const std::string path = dir.write("cnn.yaml", R"(netsim: 1
name: cnn
nodes:
  x:  {input: 48}                     # 4x4x3
  c:  {size: 8}                       # 2x2x2: 3x3 kernels, stride 2, same
  a:  {size: 12}                      # 2x2x3
  m:  {max_pooling: {input_shape: [4, 4, 3], pool_size: [2, 2], strides: 2}}
connections:
  - from: x
    to: c
    name: conv
    transform:
      convolution: {input_shape: [4, 4, 3], filters: 2, kernel_size: 3, strides: [2, 2], padding: same,
                    kernel_init: {init: uniform, low: -0.1, high: 0.1}}
  - {from: x, to: a, transform: {average_pooling: {input_shape: [4, 4, 3], pool_size: 2}}}
  - {from: x, to: m}
probes:
  c_p: c
)");
  const config::NetworkFile f = config::load_network_file(path);
  const Connection* conv = f.network.find_connection("conv");
  REQUIRE(conv);
  CHECK(conv->transform.kind() == Transform::Kind::convolution);
  const ConvolutionSpec& s = conv->transform.convolution_spec();
  CHECK(s.input == ImageShape{4, 4, 3});
  CHECK(s.filters == 2);
  CHECK(s.window.height == 3);
  CHECK(s.window.stride_x == 2);
  CHECK(s.window.padding == Padding::same);
  CHECK(conv->transform.initializer().to_string() == init::uniform(-0.1, 0.1).to_string());
  CHECK(conv->trainable);
  const Connection* avg = f.network.find_connection("x->a");
  REQUIRE(avg);
  CHECK(avg->transform.kind() == Transform::Kind::average_pooling);
  CHECK(avg->transform.pooling_spec().window.stride_y == 2);  // strides default to the pool size
  CHECK(!avg->trainable);
  const Node* m = f.network.find_node("m");
  REQUIRE(m);
  CHECK(m->kind() == NodeKind::max_pooling);
  CHECK(m->size_in == 48);
  CHECK(m->size_out == 12);
}

}  // namespace netsim::test
