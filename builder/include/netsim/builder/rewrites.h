#pragma once
// Time-parallel rewrites (docs/performance.md, docs/yaml.md): the builder finds structure that the
// step-by-step schedule wastes and computes it another way, with the same results (to
// float rounding). Each rewrite can be switched off; the plain schedule is then used.
//
//   lti_convolution   A passthrough node m with a fixed one-step recurrence m -> m
//                     (synapse 0, transform A, not trainable) and one fixed input
//                     connection u -> m (synapse none, transform B) is a linear
//                     time-invariant system:  m_k = A m_{k-1} + B u_k,  so
//                       m_k = sum_j A^j B u_{k-j}.
//                     When u can be computed for the whole run before the step loop
//                     (it depends, through connections without synapses, only on input,
//                     constant, time and sequence nodes) and m is only read through
//                     connections without synapses (no probes on m), every reader's
//                     contribution W m_k is a causal convolution of u with the kernel
//                     W A^j B. It is computed for the whole run at once, by FFT, before
//                     the step loop, forward and backward (LtiConvolution); m itself is
//                     never formed. If the readers are only observed on the last step
//                     (see last_step_only) it collapses to one matrix product.
//   time_batched_gemm A connection without synapse and with dense weights whose input
//                     is known before the step loop (as for lti_convolution) and whose
//                     target is not: z_k = W u_k is computed for every step of the run
//                     as GEMMs over (steps x minibatch) rows, forward and backward
//                     (WholeRunDot), instead of one small GEMM per step and task. Only
//                     for kMinTimeBatchedInputs inputs or more: a narrower product per
//                     step is cheaper than writing and reading back its output for the
//                     whole run (the LMU's 1 -> 212 input-to-hidden product would move
//                     66 MB each way per minibatch of 100 to save almost no arithmetic).
//   last_step_only    Stateless operators whose results only reach probes that keep the
//                     last step (keep_history false, every step sampled) run only on the
//                     last step of each run, forward and backward.
//   identity_inputs   A node whose summed input is a signal apart from its output
//                     (NodeKindTraits::input_apart: activation, max pooling, dropout,
//                     neurons) and is fed by exactly one connection, an identity transform
//                     without synapse from the whole output of another node onto the whole
//                     input, reads that output directly: the input signal, its reset every
//                     step and the copy (forward and backward) are never made. (A CNN's
//                     conv -> max-pooling nodes: 2 x 6.4 MB cleared and copied per batch.)
//   library_convolution A convolution transform between whole signals (images one after
//                     another) runs as oneDNN's direct convolution, forward and backward,
//                     instead of im2col and GEMMs (ConvolutionOp; about 1.3x per
//                     convolution). Without oneDNN in the build (CMake NETSIM_WITH_ONEDNN)
//                     the flag changes nothing.
//   blocked_weight_gradients A dense transform's weights' gradient, a sum over steps of
//                     grad_dst^T src on each row task's rows, is summed over blocks of
//                     steps on tasks of up to kMaxBlockedRows rows: each block one
//                     product over (steps x rows) instead of one per step, whose depth
//                     (the task's rows, 8 on 16 cores) is too shallow for the GEMM kernel
//                     (DotOp; builder/src/operators/blocked_weight_gradient.h).
//
// plan_lti_memories, plan_time_batched_gemms and plan_identity_inputs decide on the
// Network what qualifies; build_model applies it.

#include <array>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "netsim/core/network.h"

namespace netsim {

constexpr Index kMinTimeBatchedInputs = 32;

struct RewriteOptions {
  bool lti_convolution = true;
  bool time_batched_gemm = true;
  bool last_step_only = true;
  bool identity_inputs = true;
  bool library_convolution = true;
  bool blocked_weight_gradients = true;

  // Every rewrite on, or every one off (the plain schedule).
  static RewriteOptions all(bool on) { return {on, on, on, on, on, on}; }
};

// Every rewrite with its name (YAML `run: {rewrites: {NAME: BOOL}}`, messages): the one
// list the readers and the tests walk.
inline constexpr std::array<std::pair<const char*, bool RewriteOptions::*>, 6> kRewrites{{
    {"lti_convolution", &RewriteOptions::lti_convolution},
    {"time_batched_gemm", &RewriteOptions::time_batched_gemm},
    {"last_step_only", &RewriteOptions::last_step_only},
    {"identity_inputs", &RewriteOptions::identity_inputs},
    {"library_convolution", &RewriteOptions::library_convolution},
    {"blocked_weight_gradients", &RewriteOptions::blocked_weight_gradients},
}};

// Whether this build has oneDNN, without which library_convolution changes nothing.
bool built_with_onednn();

struct LtiMemoryPlan {
  std::string node;                       // m
  const Connection* recurrence = nullptr; // m -> m, synapse 0: A
  const Connection* input = nullptr;      // u -> m, synapse none: B
  std::vector<const Connection*> readers; // m -> x, synapse none: W (dense or identity)
};

struct LtiPlans {
  std::vector<LtiMemoryPlan> memories;
  // Why a node with a recurrence through a linear transform stays sequential:
  // "node 'lmu.h': stays sequential: not a passthrough node (tanh)".
  std::vector<std::string> notes;
};

LtiPlans plan_lti_memories(const Network& network, const RewriteOptions& options);

// Per node (Network::nodes order): is its value at every step computable before the step
// loop? Sources (NodeKindTraits::source: input, constant, time and sequence nodes), and
// nodes without state of their own fed only through synapse-less connections from known
// nodes. Asks only the node-kind traits (node_kind.h), never a list of kinds.
std::vector<bool> known_before_step_loop(const Network& network);

// identity_inputs: per node (by name) that reads another node's output as its input, the
// one connection that feeds it, which is then not built (none of `rewritten`, the
// connections other rewrites compute).
std::map<std::string, const Connection*> plan_identity_inputs(const Network& network, const RewriteOptions& options,
                                                              const std::unordered_set<const Connection*>& rewritten);

// The connections the time_batched_gemm rewrite computes for the whole run (none that a
// memory plan already covers).
std::vector<const Connection*> plan_time_batched_gemms(const Network& network, const RewriteOptions& options,
                                                       const LtiPlans& memories);

}  // namespace netsim
