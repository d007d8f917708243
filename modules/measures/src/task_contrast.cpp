#include "acuroi/measures/task_contrast.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {

namespace {

[[noreturn]] void fail(const std::string& expression, const std::string& problem) {
  throw core::InputError("", "contrast", expression, problem);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

void skip_spaces(const std::string& s, std::size_t& at) {
  while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
}

}  // namespace

std::vector<double> contrast_weights(const std::string& expression,
                                     const std::vector<std::string>& conditions) {
  std::vector<double> weights(conditions.size(), 0.0);
  std::size_t at = 0;
  bool first = true;
  skip_spaces(expression, at);
  if (at == expression.size()) fail(expression, "empty contrast");
  while (at < expression.size()) {
    double sign = 1.0;
    if (expression[at] == '+' || expression[at] == '-') {
      sign = expression[at] == '-' ? -1.0 : 1.0;
      ++at;
      skip_spaces(expression, at);
    } else if (!first) {
      fail(expression, "expected '+' or '-' at character " + std::to_string(at + 1));
    }
    double factor = 1.0;
    if (at < expression.size() &&
        (std::isdigit(static_cast<unsigned char>(expression[at])) || expression[at] == '.')) {
      char* end = nullptr;
      factor = std::strtod(expression.c_str() + at, &end);
      at = static_cast<std::size_t>(end - expression.c_str());
      skip_spaces(expression, at);
      if (at < expression.size() && expression[at] == '*') {
        ++at;
        skip_spaces(expression, at);
      }
    }
    // A name runs up to the next space or a '+'/'-' preceded by a space (names may hold '-').
    const std::size_t start = at;
    while (at < expression.size() && is_name_char(expression[at])) ++at;
    std::string name = expression.substr(start, at - start);
    if (name.empty())
      fail(expression, "expected a condition name at character " + std::to_string(start + 1));
    const auto found = std::find(conditions.begin(), conditions.end(), name);
    if (found == conditions.end()) {
      std::string list;
      for (const auto& c : conditions) list += (list.empty() ? "" : ", ") + c;
      fail(expression, "condition '" + name + "' is not in the events (conditions: " +
                           (list.empty() ? "none" : list) + ")");
    }
    weights[static_cast<std::size_t>(found - conditions.begin())] += sign * factor;
    skip_spaces(expression, at);
    first = false;
  }
  if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; }))
    fail(expression, "all weights are zero");
  return weights;
}

Eigen::VectorXd contrast_vector(const std::vector<double>& weights, const DesignMatrix& design) {
  if (weights.size() != design.conditions.size())
    throw core::InputError("", "contrast", std::to_string(weights.size()) + " weights",
                           "the design has " + std::to_string(design.conditions.size()) +
                               " conditions");
  Eigen::VectorXd c = Eigen::VectorXd::Zero(design.matrix.cols());
  for (std::size_t i = 0; i < weights.size(); ++i) c(design.condition_columns[i]) = weights[i];
  return c;
}

}  // namespace acuroi::measures
