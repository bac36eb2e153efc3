#pragma once
// " (did you mean 'synapse'?)" when a misspelt word is close to a known one, else "".

#include <string>
#include <vector>

namespace netsim {

std::string did_you_mean(const std::string& word, const std::vector<std::string>& known);

}  // namespace netsim
