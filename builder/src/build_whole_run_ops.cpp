#include "build_steps.h"
#include "netsim/builder/lti_convolution.h"
#include "netsim/builder/whole_run_dot.h"
#include "netsim/builder/operators/whole_run_input_op.h"
#include "netsim/builder/operators/whole_run_output_op.h"

namespace netsim::detail {

void build_lti_memory(Model& model, const LtiMemoryPlan& plan) {
  std::vector<WholeRunOp::Reader> readers;
  for (const Connection* c : plan.readers) readers.push_back({c->name, model.find_parameter(c->name), c->post_size()});
  const Connection& input = *plan.input;
  model.whole_run_ops.push_back(std::make_unique<LtiConvolution>(
      plan.node, model.find_parameter(plan.recurrence->name), model.find_parameter(input.name),
      plan.recurrence->post_size(), input.pre_size(), std::move(readers)));
  WholeRunOp* lti = model.whole_run_ops.back().get();
  model.add<WholeRunInputOp>(input.where(), model.node_output.at(input.pre.name), input.pre_indices, lti);
  for (std::size_t i = 0; i < plan.readers.size(); ++i) {
    const Connection& c = *plan.readers[i];
    model.add<WholeRunOutputOp>(c.where(), lti, static_cast<int>(i), model.node_input.at(c.post.name), c.post_indices);
  }
}

void build_time_batched_gemm(Model& model, const Connection& c) {
  model.whole_run_ops.push_back(
      std::make_unique<WholeRunDot>(c.name, model.find_parameter(c.name), c.pre_size(), c.post_size()));
  WholeRunOp* op = model.whole_run_ops.back().get();
  model.add<WholeRunInputOp>(c.where(), model.node_output.at(c.pre.name), c.pre_indices, op);
  model.add<WholeRunOutputOp>(c.where(), op, 0, model.node_input.at(c.post.name), c.post_indices);
}

}  // namespace netsim::detail
