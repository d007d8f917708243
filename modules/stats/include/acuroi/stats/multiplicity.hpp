// Multiplicity-adjusted p-values, equal to R's p.adjust(p, method) (n = number of non-NaN p):
// bonferroni, holm, hochberg, hommel, BH (Benjamini–Hochberg, "fdr"), BY (Benjamini–Yekutieli).
// A NaN p (a test that could not be computed) stays NaN and does not count in n, like R's NA.
//
//   std::vector<double> q = p_adjust({0.01, 0.04, 0.03}, PAdjustMethod::bh);
//   PAdjustMethod m = parse_p_adjust_method("holm");
#pragma once
#include <span>
#include <string>
#include <vector>

namespace acuroi::stats {

enum class PAdjustMethod { bonferroni, holm, hochberg, hommel, bh, by };

// R's names: "bonferroni", "holm", "hochberg", "hommel", "BH" (or "fdr"), "BY".
// Throws StatsError for another name.
PAdjustMethod parse_p_adjust_method(const std::string& name);
std::string to_string(PAdjustMethod method);

// Throws StatsError for a p outside [0, 1].
std::vector<double> p_adjust(std::span<const double> p, PAdjustMethod method);

}  // namespace acuroi::stats
