#include "library_matmul.h"

#ifdef NETSIM_WITH_ONEDNN

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "onednn_support.h"

namespace netsim::detail {

using namespace onednn;

// One product for one row count: its primitive and the weights in the layout it chose.
struct MatmulPrimitive {
  Index rows = 0;
  bool accumulate = false;
  std::uint64_t id = 0;  // unique in the process: the key of the threads' memory objects
  dnnl::matmul::primitive_desc pd;
  dnnl::matmul matmul;
  std::vector<float> weights;  // laid out by pack()
  memory::desc src, dst;
};

namespace {

// Calls are per step and per row task (the LMU's recurrence: a few microseconds of
// arithmetic each), so a call takes no lock and creates no memory object: each thread
// keeps its own, by primitive, and points them at this call's buffers.
struct ThreadMemories {
  memory src, weights, dst, scratchpad;
};
ThreadMemories& memories_of(const MatmulPrimitive& p) {
  thread_local std::unordered_map<std::uint64_t, ThreadMemories> by_primitive;
  auto it = by_primitive.find(p.id);
  if (it == by_primitive.end()) {
    if (by_primitive.size() >= 256) by_primitive.clear();  // primitives of simulators long gone
    it =
        by_primitive
            .emplace(p.id,
                     ThreadMemories{memory(p.src, cpu_engine(), DNNL_MEMORY_NONE),
                                    memory(p.pd.weights_desc(), cpu_engine(), DNNL_MEMORY_NONE),
                                    memory(p.dst, cpu_engine(), DNNL_MEMORY_NONE),
                                    memory(p.pd.scratchpad_desc(), cpu_engine(), DNNL_MEMORY_NONE)})
            .first;
  }
  return it->second;
}

std::atomic<std::uint64_t> g_next_primitive_id{1};

}  // namespace

// The products of one direction (forward: W as [pre x post] = W^T; backward: W as
// [post x pre]), by (rows, accumulate).
class MatmulFamily {
 public:
  // in/out: the product's K and N; in_stride/out_stride: the row strides of its src/dst;
  // user: W's layout as the [K x N] weights.
  MatmulFamily(Index in, Index out, Index in_stride, Index out_stride, Tag user)
      : in_(in),
        out_(out),
        in_stride_(in_stride),
        out_stride_(out_stride),
        user_({in, out}, kF32, user) {}

  // Lays `w` out for every primitive made so far and keeps it for those made later.
  void pack(const Matrix& w) {
    std::lock_guard lock(mutex_);
    w_ = &w;
    for (auto& [key, p] : by_key_) pack(*p);
  }

  void run(const Scalar* src, Scalar* dst, Index rows, bool accumulate) {
    dnnl::stream& stream = this_threads_stream();
    const MatmulPrimitive& p = primitive(rows, accumulate);
    ThreadMemories& m = memories_of(p);
    thread_local std::vector<float> scratchpad;
    m.src.set_data_handle(const_cast<Scalar*>(src));
    m.weights.set_data_handle(const_cast<float*>(p.weights.data()));
    m.dst.set_data_handle(dst);
    m.scratchpad.set_data_handle(scratch(scratchpad, p.pd.scratchpad_desc().get_size()));
    p.matmul.execute(stream, {{DNNL_ARG_SRC, m.src},
                              {DNNL_ARG_WEIGHTS, m.weights},
                              {DNNL_ARG_DST, m.dst},
                              {DNNL_ARG_SCRATCHPAD, m.scratchpad}});
    stream.wait();
  }

 private:
  // Without a lock when made before (published_); the first use of a row count makes it.
  const MatmulPrimitive& primitive(Index rows, bool accumulate) {
    for (const auto& slot : published_) {
      const MatmulPrimitive* p = slot.load(std::memory_order_acquire);
      if (!p) break;
      if (p->rows == rows && p->accumulate == accumulate) return *p;
    }
    std::lock_guard lock(mutex_);
    auto& slot = by_key_[{rows, accumulate}];
    if (!slot) {
      this_threads_stream();  // one OpenMP thread here before choosing kernels
      auto p = std::make_unique<MatmulPrimitive>();
      p->rows = rows;
      p->accumulate = accumulate;
      p->id = g_next_primitive_id++;
      p->src = memory::desc({rows, in_}, kF32, memory::dims{in_stride_, 1});
      p->dst = memory::desc({rows, out_}, kF32, memory::dims{out_stride_, 1});
      const memory::desc any_weights({in_, out_}, kF32, Tag::any);
      p->pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(p->src, any_weights, p->dst),
                                           attributes(accumulate), cpu_engine());
      p->matmul = dnnl::matmul(p->pd);
      pack(*p);
      slot = std::move(p);
      for (auto& free : published_)
        if (!free.load(std::memory_order_relaxed)) {
          free.store(slot.get(), std::memory_order_release);
          break;
        }
    }
    return *slot;
  }

  void pack(MatmulPrimitive& p) const {
    if (!w_)
      throw std::logic_error(
          "LibraryMatmul: used before the weights were laid out "
          "(Operator::prepare_forward/backward)");
    const memory::desc& theirs = p.pd.weights_desc();
    p.weights.resize(theirs.get_size() / sizeof(float));
    memory from = wrap(user_, w_->data()), to = wrap(theirs, p.weights.data());
    dnnl::stream& stream = this_threads_stream();
    dnnl::reorder(from, to).execute(stream, from, to);
    stream.wait();
  }

  Index in_, out_, in_stride_, out_stride_;
  memory::desc user_;
  const Matrix* w_ = nullptr;
  std::mutex mutex_;
  std::map<std::pair<Index, bool>, std::unique_ptr<MatmulPrimitive>> by_key_;
  std::array<std::atomic<const MatmulPrimitive*>, 8>
      published_{};  // a prefix of by_key_, read without the lock
};

struct LibraryMatmul::Impl {
  // y = x W^T: K = pre, N = post, W [post x pre] row-major is the [pre x post] weights "ba".
  // gx = gy W:  K = post, N = pre, W is the [post x pre] weights "ab".
  Impl(Index pre, Index post, Index x_stride, Index y_stride)
      : forward(pre, post, x_stride, y_stride, Tag::ba),
        backward(post, pre, y_stride, x_stride, Tag::ab) {}
  MatmulFamily forward, backward;
};

std::unique_ptr<LibraryMatmul> LibraryMatmul::make(Index pre, Index post, Index x_stride,
                                                   Index y_stride) {
  return std::unique_ptr<LibraryMatmul>(
      new LibraryMatmul(std::make_unique<Impl>(pre, post, x_stride, y_stride)));
}

LibraryMatmul::LibraryMatmul(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LibraryMatmul::~LibraryMatmul() = default;

void LibraryMatmul::pack_forward(const Matrix& w) {
  impl_->forward.pack(w);
}
void LibraryMatmul::pack_backward(const Matrix& w) {
  impl_->backward.pack(w);
}

void LibraryMatmul::forward(const Scalar* x, Scalar* y, Index rows, bool accumulate) {
  impl_->forward.run(x, y, rows, accumulate);
}

void LibraryMatmul::backward_data(const Scalar* gy, Scalar* gx, Index rows) {
  impl_->backward.run(gy, gx, rows, true);
}

}  // namespace netsim::detail

#else  // built without oneDNN

namespace netsim::detail {

struct LibraryMatmul::Impl {};
std::unique_ptr<LibraryMatmul> LibraryMatmul::make(Index, Index, Index, Index) {
  return nullptr;
}
LibraryMatmul::LibraryMatmul(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LibraryMatmul::~LibraryMatmul() = default;
void LibraryMatmul::pack_forward(const Matrix&) {}
void LibraryMatmul::pack_backward(const Matrix&) {}
void LibraryMatmul::forward(const Scalar*, Scalar*, Index, bool) {}
void LibraryMatmul::backward_data(const Scalar*, Scalar*, Index) {}

}  // namespace netsim::detail

#endif
