#include "acuroi/meta/subgroup.hpp"

#include <algorithm>

#include "acuroi/core/error.hpp"

namespace acuroi::meta {

SubgroupAnalysis subgroup_analysis(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi,
                                   const std::vector<std::string>& group, const RmaOptions& options) {
  if (group.size() != static_cast<std::size_t>(yi.size()))
    throw core::InputError("subgroup", "group", std::to_string(group.size()), "one label per study is needed");
  SubgroupAnalysis s;
  s.levels = group;
  std::sort(s.levels.begin(), s.levels.end());
  s.levels.erase(std::unique(s.levels.begin(), s.levels.end()), s.levels.end());
  if (s.levels.size() < 2)
    throw core::InputError("subgroup", "group", s.levels.empty() ? "" : s.levels[0], "needs at least two subgroups");
  Eigen::VectorXd est(static_cast<Eigen::Index>(s.levels.size())), var(est.size());
  for (std::size_t g = 0; g < s.levels.size(); ++g) {
    std::vector<double> y, v;
    for (std::size_t i = 0; i < group.size(); ++i)
      if (group[i] == s.levels[g]) {
        y.push_back(yi(static_cast<Eigen::Index>(i)));
        v.push_back(vi(static_cast<Eigen::Index>(i)));
      }
    const RmaFit f = fit_rma(Eigen::Map<Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size())),
                             Eigen::Map<Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())), options);
    est(static_cast<Eigen::Index>(g)) = f.beta(0);
    var(static_cast<Eigen::Index>(g)) = f.se(0) * f.se(0);
    s.per_level.push_back(f);
  }
  RmaOptions fe;
  fe.method = Tau2Method::FE;
  const RmaFit between = fit_rma(est, var, fe);
  s.Q_between = between.QE;
  s.Q_between_df = static_cast<double>(s.levels.size() - 1);
  s.Q_between_p = between.QEp;

  Moderators m;
  m.values = Eigen::MatrixXd::Zero(yi.size(), static_cast<Eigen::Index>(s.levels.size() - 1));
  for (std::size_t g = 1; g < s.levels.size(); ++g) {
    m.names.push_back(s.levels[g]);
    for (std::size_t i = 0; i < group.size(); ++i)
      if (group[i] == s.levels[g]) m.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(g - 1)) = 1.0;
  }
  s.common_tau2 = fit_rma(yi, vi, m, options);
  return s;
}

}  // namespace acuroi::meta
