#include "expression.h"

#include <cctype>
#include <cmath>
#include <numbers>

#include <muParser.h>

namespace netsim::config {
namespace {

std::string lowercase_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string list(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
  return text.empty() ? "none" : text;
}

}  // namespace

Expressions::Expressions(std::vector<std::string> texts, std::vector<std::string> variables, Aliases aliases)
    : texts_(std::move(texts)), variables_(std::move(variables)), aliases_(std::move(aliases)) {
  if (texts_.empty()) throw ValidationError("expected at least one expression");
  compile();
}

Expressions::Expressions(const Expressions& other)
    : texts_(other.texts_), variables_(other.variables_), aliases_(other.aliases_) {
  compile();
}

Expressions& Expressions::operator=(const Expressions& other) {
  if (this != &other) {
    texts_ = other.texts_;
    variables_ = other.variables_;
    aliases_ = other.aliases_;
    compile();
  }
  return *this;
}

Expressions::Expressions(Expressions&&) noexcept = default;
Expressions& Expressions::operator=(Expressions&&) noexcept = default;
Expressions::~Expressions() = default;

void Expressions::compile() {
  values_ = std::make_unique<double[]>(variables_.size() + 1);
  parsers_.clear();
  for (const std::string& text : texts_) {
    auto parser = std::make_unique<mu::Parser>();
    try {
      parser->DefineConst("pi", std::numbers::pi);
      parser->DefineConst("e", std::numbers::e);
      for (std::size_t i = 0; i < variables_.size(); ++i) parser->DefineVar(variables_[i], &values_[i]);
      for (const auto& [alias, i] : aliases_) parser->DefineVar(alias, &values_[i]);
      parser->SetExpr(text);
      for (std::size_t i = 0; i < variables_.size(); ++i) values_[i] = 0.0;
      (void)parser->Eval();  // parses now: a syntax error is found here, not in the run
    } catch (const mu::Parser::exception_type& e) {
      std::string message = lowercase_first(e.GetMsg());
      while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
      std::vector<std::string> names = variables_;
      for (const auto& [alias, i] : aliases_) names.push_back(alias);
      throw ValidationError("expression '" + text + "': " + message + " (the variables are " + list(names) + ")");
    }
    parsers_.push_back(std::move(parser));
  }
}

VectorD Expressions::operator()(const double* values) const {
  for (std::size_t i = 0; i < variables_.size(); ++i) values_[i] = values[i];
  VectorD out(size());
  for (std::size_t k = 0; k < parsers_.size(); ++k) out[static_cast<Index>(k)] = parsers_[k]->Eval();
  return out;
}

std::string Expressions::text() const {
  if (texts_.size() == 1) return texts_.front();
  std::string s = "[";
  for (std::size_t i = 0; i < texts_.size(); ++i) s += (i ? ", " : "") + texts_[i];
  return s + "]";
}

std::vector<std::string> vector_variables(Index d, bool with_time) {
  std::vector<std::string> names;
  for (Index i = 0; i < d; ++i) names.push_back("x" + std::to_string(i));
  if (with_time) names.emplace_back("t");
  return names;
}

Expressions::Aliases vector_aliases(Index d) {
  if (d == 1) return {{"x", 0}};
  return {};
}

}  // namespace netsim::config
