#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "acuroi/report/plots.hpp"
#include "meta_figure_data.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {

struct Pool {
  std::string roi, measure;
  std::size_t row;
};

bool same_pool(const io::Table& t, std::size_t r, const Pool& p) {
  return t.cell(r, "roi") == p.roi && t.cell(r, "measure") == p.measure;
}

void add_pool_figures(ReportBuilder& out, const ReportData& data, const Pool& pool, double z) {
  const io::Table& pooled = *data.meta_pooled;
  const std::string effect = std::string(pooled.cell(pool.row, "effect_measure"));
  const std::string name = safe_name(pool.roi) + "_" + safe_name(pool.measure);
  std::vector<ForestRow> rows;
  std::vector<double> yi, sei;
  if (data.meta_effects) {
    const io::Table& e = *data.meta_effects;
    for (std::size_t r = 0; r < e.row_count(); ++r) {
      if (!same_pool(e, r, pool)) continue;
      const double y = e.number(r, "yi"), s = e.number(r, "sei");
      rows.push_back({std::string(e.cell(r, "label")), y, y - z * s, y + z * s, e.number(r, "weight")});
      yi.push_back(y);
      sei.push_back(s);
    }
  }
  const ForestPooled diamond{pooled.number(pool.row, "estimate"), pooled.number(pool.row, "ci_lb"),
                             pooled.number(pool.row, "ci_ub"), pooled.number(pool.row, "pi_lb"),
                             pooled.number(pool.row, "pi_ub")};
  const std::string title = pool.roi + " · " + pool.measure;
  out.add_figure("forest_" + name, "forest", forest_plot(title, rows, diamond, effect),
                 "Forest plot: studies (square area ∝ weight), pooled estimate (diamond), prediction "
                 "interval (dashed)");
  for (const SubgroupForest& f : pool_subgroup_forests(data, pool.roi, pool.measure, z))
    out.add_figure("forest_" + name + "_by_" + safe_name(f.moderator), "forest-subgroups",
                   forest_plot_subgroups(title + " by " + f.moderator, f.moderator, f.groups, diamond, effect,
                                         f.test_line),
                   "Forest plot by " + f.moderator + ": per subgroup its studies and its pooled estimate "
                   "(blue diamond; one model per subgroup, separate τ²), then the overall estimate (orange "
                   "diamond). Weights are those of the overall model. " +
                       (f.test_line.empty() ? std::string() : "Test of subgroup differences: " + f.test_line + "."));
  const FunnelTrimFill trim_fill = pool_trim_fill(data, pool.roi, pool.measure);
  std::string funnel_caption = "Funnel plot with the pseudo 95% confidence region around the pooled estimate";
  if (std::isfinite(trim_fill.estimate))
    funnel_caption += "; open circles: the " + std::to_string(trim_fill.filled_yi.size()) +
                      " studies trim-and-fill (L0) filled in" +
                      (trim_fill.side.empty() ? "" : " on the " + trim_fill.side) +
                      ", dashed line: the pooled estimate with them (" + fmt(trim_fill.estimate) + ")";
  out.add_figure("funnel_" + name, "funnel", funnel_plot(title, yi, sei, diamond.estimate, effect, trim_fill),
                 funnel_caption);
  if (data.meta_leave_one_out) {
    const io::Table& l = *data.meta_leave_one_out;
    std::vector<EffectRow> loo;
    for (std::size_t r = 0; r < l.row_count(); ++r)
      if (same_pool(l, r, pool))
        loo.push_back({"without " + std::string(l.cell(r, "left_out_label")), l.number(r, "estimate"),
                       l.number(r, "ci_lb"), l.number(r, "ci_ub")});
    if (!loo.empty())
      out.add_figure("leave_one_out_" + name, "leave-one-out",
                     effect_plot(title + ": leave one out", loo, effect),
                     "Pooled estimate with each study left out");
  }
}

}  // namespace

void add_meta_section(ReportBuilder& out, const ReportData& data) {
  if (!data.meta_pooled) return;  // no meta outputs: no section
  out.html += "<section id=\"meta\"><h2>Meta-analysis</h2>\n";
  const io::Table& pooled = *data.meta_pooled;
  const double z = boost::math::quantile(boost::math::normal(), 0.975);
  std::vector<std::vector<std::string>> heterogeneity;
  for (std::size_t r = 0; r < pooled.row_count(); ++r) {
    const Pool pool{std::string(pooled.cell(r, "roi")), std::string(pooled.cell(r, "measure")), r};
    heterogeneity.push_back({pool.roi, pool.measure, std::string(pooled.cell(r, "k")),
                             fmt(pooled.number(r, "tau2")), fmt(pooled.number(r, "I2")),
                             fmt(pooled.number(r, "QE")), fmt(pooled.number(r, "QEp"))});
    if (std::string(pooled.cell(r, "status")).empty() || pooled.cell(r, "status") == "n/a") {
      out.html += "<h3>" + html_escape(pool.roi + " · " + pool.measure) + "</h3>\n";
      add_pool_figures(out, data, pool, z);
    }
  }
  out.html += "<h3>Heterogeneity</h3>\n" +
              html_table({"ROI", "measure", "k", "τ²", "I² (%)", "Q", "p(Q)"}, heterogeneity, "heterogeneity");
  if (data.meta_summary) {
    const io::Table& s = *data.meta_summary;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t r = 0; r < s.row_count(); ++r)
      rows.push_back({std::string(s.cell(r, "roi")), std::string(s.cell(r, "measure")),
                      std::string(s.cell(r, "k")), fmt(s.number(r, "estimate")),
                      fmt_interval(s.number(r, "ci_lb"), s.number(r, "ci_ub")),
                      fmt_interval(s.number(r, "pi_lb"), s.number(r, "pi_ub")),
                      fmt(s.number(r, "I2")), fmt(s.number(r, "pval"))});
    out.html += "<h3>Summary of findings</h3>\n" +
                html_table({"ROI", "measure", "k", "estimate", "CI", "prediction interval", "I² (%)", "p"},
                           rows, "summary-of-findings");
  }
  out.html += "</section>\n";
}

}  // namespace acuroi::report::detail
