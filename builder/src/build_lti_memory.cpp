#include "build_steps.h"
#include "netsim/builder/operators/lti_input_op.h"
#include "netsim/builder/operators/lti_output_op.h"

namespace netsim::detail {

void build_lti_memory(Model& model, const LtiMemoryPlan& plan) {
  std::vector<LtiConvolution::Reader> readers;
  for (const Connection* c : plan.readers) readers.push_back({c->name, model.find_parameter(c->name), c->post_size()});
  const Connection& input = *plan.input;
  model.lti_convolutions.push_back(std::make_unique<LtiConvolution>(
      plan.node, model.find_parameter(plan.recurrence->name), model.find_parameter(input.name),
      plan.recurrence->post_size(), input.pre_size(), std::move(readers)));
  LtiConvolution* lti = model.lti_convolutions.back().get();
  model.add<LtiInputOp>(input.where(), model.node_output.at(input.pre.name), input.pre_indices, lti);
  for (std::size_t i = 0; i < plan.readers.size(); ++i) {
    const Connection& c = *plan.readers[i];
    model.add<LtiOutputOp>(c.where(), lti, static_cast<int>(i), model.node_input.at(c.post.name), c.post_indices);
  }
}

}  // namespace netsim::detail
