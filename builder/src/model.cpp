#include "netsim/builder/model.h"

namespace netsim {

const Parameter* Model::add_parameter(Parameter p) {
  p.index = static_cast<int>(parameters.size());
  parameters.push_back(std::make_unique<Parameter>(std::move(p)));
  return parameters.back().get();
}

const Parameter* Model::find_parameter(const std::string& name) const {
  for (const auto& p : parameters)
    if (p->name == name) return p.get();
  return nullptr;
}

Parameter* Model::find_parameter(const std::string& name) {
  for (auto& p : parameters)
    if (p->name == name) return p.get();
  return nullptr;
}

}  // namespace netsim
