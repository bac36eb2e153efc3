#pragma once
// What the oneDNN-backed operators share (library_convolution.cpp):
// the CPU engine, one stream per thread with one OpenMP thread, thread-local scratch and
// memory objects over netsim's own buffers. Included only where NETSIM_WITH_ONEDNN is
// defined. Private to netsim_builder.

#include <cstddef>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

// libgomp (linked by CMake): oneDNN's threads are OpenMP's in Debian's build.
extern "C" void omp_set_num_threads(int);

namespace netsim::detail::onednn {

using dnnl::memory;
using Tag = memory::format_tag;
constexpr auto kF32 = memory::data_type::f32;

inline dnnl::engine& cpu_engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// Each row task runs on one TBB thread: oneDNN must neither start an OpenMP team of its
// own there (every TBB thread would start one) nor choose kernels for more threads. Call
// before creating or running a primitive on this thread.
inline dnnl::stream& this_threads_stream() {
  thread_local const bool one_thread = (omp_set_num_threads(1), true);
  (void)one_thread;
  thread_local dnnl::stream stream(cpu_engine());
  return stream;
}

// `buffer` grown to at least `bytes`; its floats.
inline float* scratch(std::vector<float>& buffer, std::size_t bytes) {
  const std::size_t floats = (bytes + sizeof(float) - 1) / sizeof(float);
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer.data();
}

inline memory wrap(const memory::desc& desc, const void* data) {
  return memory(desc, cpu_engine(), const_cast<void*>(data));  // oneDNN takes inputs as void*
}

// A primitive's scratchpad (attributes with scratchpad_mode::user), this thread's.
inline memory scratchpad_for(const memory::desc& desc) {
  thread_local std::vector<float> buffer;
  return wrap(desc, scratch(buffer, desc.get_size()));
}

// Attributes: the scratchpad ours, and with `accumulate` a sum post-op (dst += result).
inline dnnl::primitive_attr attributes(bool accumulate) {
  dnnl::primitive_attr attr;  // (a handle: a copy would share its post-ops)
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (accumulate) {
    dnnl::post_ops sum;
    sum.append_sum(1.0f);
    attr.set_post_ops(sum);
  }
  return attr;
}

inline void add(const float* from, float* to, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) to[i] += from[i];
}

}  // namespace netsim::detail::onednn
