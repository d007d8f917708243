// Test support: pieces shared by the analysis files.
#pragma once
#include <string>

#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/rma.hpp"
#include "analyses.hpp"
#include "study_sets.hpp"

namespace acuroi::meta::testing {

void add_rma(Quantities& q, const RmaFit& f, const std::string& prefix);
void add_prediction(Quantities& q, const Prediction& p, const std::string& prefix, const std::string& index,
                    bool transform_exp);
void add_confint(Quantities& q, const RmaFit& f);
Quantities rma_analysis(const std::string& dataset, const std::string& prefix, const std::string& spec);
Quantities escalc_analysis(const std::string& dataset);
Quantities more_analysis(const std::string& dataset, const std::string& analysis);

}  // namespace acuroi::meta::testing
