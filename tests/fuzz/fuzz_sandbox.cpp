#include "fuzz_sandbox.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "netsim/core/atomic_file.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "toy_network.h"

namespace netsim::fuzz {
namespace {

const std::string kNetwork = test::toy_network_yaml(4, R"(run: {steps: 6, minibatch: 2, threads: 1}
data:
  train: {inputs: {x: x_train.npy}, targets: {out_p: y_train.npy}}
  validation: {inputs: {x: {file: val.npz, key: x}}, targets: {out_p: {file: val.npz, key: y}}}
train:
  epochs: 1
  minibatch: 8
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {out_p: sparse_categorical_crossentropy}
)");

NdArray ramp(std::vector<Index> shape, float scale) {
  NdArray a{std::move(shape), {}};
  Index n = 1;
  for (Index d : a.shape) n *= d;
  for (Index i = 0; i < n; ++i) a.values.push_back(scale * static_cast<float>((i * 7) % 11) - 0.5f);
  return a;
}

NdArray labels(Index n) {
  NdArray a{{n}, {}};
  for (Index i = 0; i < n; ++i) a.values.push_back(static_cast<float>(i % 2));
  return a;
}

std::filesystem::path make_sandbox() {
  const auto dir = std::filesystem::temp_directory_path() / ("netsim_fuzz_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto at = [&](const char* name) { return (dir / name).string(); };
  write_file_atomically(at("u.npy"), format_npy(ramp({2, 6, 1}, 0.1f)));
  write_npz(at("weights.npz"), {{"x->h", ramp({4, 1}, 0.2f)}, {"h->h", ramp({4, 4}, 0.1f)}, {"h->out", ramp({2, 4}, 0.3f)}});
  write_file_atomically(at("x_train.npy"), format_npy(ramp({16, 6, 1}, 0.1f)));
  write_file_atomically(at("y_train.npy"), format_npy(labels(16)));
  write_npz(at("val.npz"), {{"x", ramp({8, 6, 1}, 0.1f)}, {"y", labels(8)}});
  write_file_atomically(at("net.yaml"), kNetwork);
  std::error_code ec;
  std::filesystem::create_directory_symlink(NETSIM_EXAMPLES "/data", dir / "data", ec);
  return dir;
}

}  // namespace

const std::filesystem::path& sandbox() {
  static const std::filesystem::path dir = [] {
    auto d = make_sandbox();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(sandbox(), ec);
    });
    return d;
  }();
  return dir;
}

std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const std::string path = (sandbox() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace netsim::fuzz
