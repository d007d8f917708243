// Private helpers of the pool analyses.
#pragma once
#include <string>

#include "acuroi/core/error.hpp"

#include "acuroi/metastudy/pooling.hpp"

namespace acuroi::metastudy::detail {

// Runs `analysis`; bad input for it (core::InputError) becomes a note "<what>: <message>" on the pool (a pool that does not
// allow an analysis is an expected outcome, not a failure of the run).
template <class F>
void attempt(PairPool& pool, const std::string& what, F&& analysis) {
  try {
    analysis();
  } catch (const core::InputError& e) {
    pool.notes.push_back(what + ": " + e.what());
  }
}

void effects(const std::vector<EffectRow>& rows, Eigen::VectorXd& yi, Eigen::VectorXd& vi);

void subgroup_analysis(PairPool& pool, const PoolingOptions& options);  // moderator_analyses.cpp
void meta_regression(PairPool& pool, const PoolingOptions& options);    // moderator_analyses.cpp

}  // namespace acuroi::metastudy::detail
