// Test support: compute, with acuroi::meta, every quantity the reference lists for one
// (dataset, analysis), keyed "quantity|index" exactly as in expected_flat.csv.
#pragma once
#include <map>
#include <string>

namespace acuroi::meta::testing {

using Quantities = std::map<std::string, double>;

Quantities compute_analysis(const std::string& dataset, const std::string& analysis);

// Relative tolerance the brief sets for an analysis: 1e-8 for closed forms, 1e-6 for analyses whose
// numbers come from an iterative tau^2 estimator.
double tolerance_for(const std::string& analysis);

}  // namespace acuroi::meta::testing
