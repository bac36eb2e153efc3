#include "netsim/networks/lmu.h"

#include "netsim/core/error.h"
#include "netsim/core/subnetwork.h"

namespace netsim::networks {
namespace {

// kron(I_d, m): the same matrix for each of d independent memory dimensions.
MatrixD block_diagonal(const MatrixD& m, Index d) {
  MatrixD out = MatrixD::Zero(m.rows() * d, m.cols() * d);
  for (Index k = 0; k < d; ++k) out.block(k * m.rows(), k * m.cols(), m.rows(), m.cols()) = m;
  return out;
}

}  // namespace

LmuPorts lmu(Network& network, const std::string& prefix, const LmuOptions& o) {
  const std::string where = "lmu '" + prefix + "'";
  auto positive = [&](Index v, const char* field) {
    if (v < 1) throw ValidationError(where + ": " + field + ": expected a positive integer, got " + std::to_string(v));
  };
  positive(o.input_size, "input_size");
  positive(o.memory_d, "memory_d");
  positive(o.order, "order");
  if (o.units < 0) throw ValidationError(where + ": units: expected 0 (no hidden cell) or a positive integer");
  if (!(o.theta > 0.0)) throw ValidationError(where + ": theta: expected a positive number of steps");
  if (o.units == 0 && (o.input_to_hidden || o.hidden_to_memory)) {
    throw ValidationError(where + ": input_to_hidden and hidden_to_memory need a hidden cell (units > 0)");
  }
  const LmuMatrices ab = lmu_discrete(o.order, o.theta, o.discretizer, 1.0);

  Subnetwork s = network.subnetwork(prefix);
  const NodeRef x = s.node("x", o.input_size);
  const NodeRef u = s.node("u", o.memory_d);
  const NodeRef m = s.node("m", o.memory_d * o.order);
  s.connect(x, u, {.transform = o.input_encoders, .trainable = o.trainable_encoders});
  s.connect(m, m, {.transform = Transform::dense(block_diagonal(ab.a, o.memory_d)), .synapse = Synapse::delay(),
                   .trainable = o.trainable_a});
  s.connect(u, m, {.transform = Transform::dense(block_diagonal(ab.b, o.memory_d)), .trainable = o.trainable_b});
  if (o.memory_to_memory) {
    s.connect(m, u, {.transform = o.memory_encoders, .synapse = Synapse::delay(), .trainable = o.trainable_encoders});
  }
  if (o.units == 0) return {x, m, m};
  const NodeRef h = s.node("h", o.units, Activation::tanh);
  if (o.input_to_hidden) s.connect(x, h, {.transform = o.kernel});
  s.connect(h, h, {.transform = o.recurrent, .synapse = Synapse::delay()});
  s.connect(m, h, {.transform = o.kernel});
  if (o.hidden_to_memory) {
    s.connect(h, u, {.transform = o.hidden_encoders, .synapse = Synapse::delay(), .trainable = o.trainable_encoders});
  }
  return {x, m, h};
}

}  // namespace netsim::networks
