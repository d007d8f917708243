// Task contrasts written as text over condition names, as nilearn's string contrasts:
// "pain - touch", "pain", "0.5*pain + 0.5 * touch", "-touch", "2 pain - touch". Terms are an
// optional sign, an optional number (with or without '*') and a condition name; a condition may
// appear more than once (weights add). Condition names are the events' trial_type values.
//
//   std::vector<double> w = contrast_weights("pain - touch", {"pain", "touch"});  // {1, -1}
//   Eigen::VectorXd c = contrast_vector(w, design);  // over the design's columns
#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "acuroi/measures/task_design.hpp"

namespace acuroi::measures {

// One weight per condition. Throws core::InputError naming the expression for a syntax error, a
// condition that is not in `conditions` (the message lists them) or all-zero weights.
std::vector<double> contrast_weights(const std::string& expression,
                                     const std::vector<std::string>& conditions);

// The weights placed on the design's condition columns (zero elsewhere).
Eigen::VectorXd contrast_vector(const std::vector<double>& weights, const DesignMatrix& design);

}  // namespace acuroi::measures
