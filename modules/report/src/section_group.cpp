#include <cmath>
#include <map>
#include <set>

#include "acuroi/report/plots.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {

// The value of (roi, measure) in the first run of `session` (NaN when absent).
double session_value(const store::ParticipantRecord& p, const std::string& session,
                     const std::string& roi, const std::string& measure) {
  for (const auto& run : p.runs) {
    if (run.session != session) continue;
    const auto m = run_strings(run, "measures/measure");
    const auto r = run_strings(run, "measures/roi");
    const auto v = run_numbers(run, "measures/value");
    for (std::size_t i = 0; i < m.size() && i < r.size() && i < v.size(); ++i)
      if (m[i] == measure && r[i] == roi) return v[i];
    return std::nan("");
  }
  return std::nan("");
}

std::string units(const std::string& measure) {
  if (measure == "mean" || measure == "sd" || measure == "alff") return measure + " (BOLD units)";
  if (measure == "tsnr" || measure == "falff") return measure + " (ratio)";
  if (measure == "reho") return "ReHo (Kendall's W, 0–1)";
  if (measure.rfind("fc", 0) == 0) return measure + " (Fisher z)";
  return measure;
}

}  // namespace

void add_group_section(ReportBuilder& out, const config::Config& config, const ReportData& data) {
  out.html += "<section id=\"group\"><h2>Group results</h2>\n";
  if (!data.group_tests) {
    out.html += "<p class=\"note\">No group outputs (group/group_tests.tsv) yet.</p></section>\n";
    return;
  }
  const io::Table& t = *data.group_tests;
  const std::string between =
      std::string(config::to_string(config.group.between_test)) == "student" ? "student_t" : "welch_t";
  std::vector<std::string> measures;
  std::map<std::string, std::vector<std::size_t>> rows_of;  // measure -> table rows
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    const std::string m(t.cell(r, "measure"));
    if (!rows_of.count(m)) measures.push_back(m);
    rows_of[m].push_back(r);
  }
  for (const auto& measure : measures) {
    out.html += "<h3>" + html_escape(measure) + "</h3>\n";
    std::vector<EffectRow> effects;
    std::vector<std::vector<std::string>> table_rows;
    std::vector<std::string> rois;
    for (std::size_t r : rows_of[measure]) {
      const std::string roi(t.cell(r, "roi")), test(t.cell(r, "test"));
      if (test == between)
        effects.push_back({roi, t.number(r, "estimate"), t.number(r, "ci_lower"), t.number(r, "ci_upper")});
      if (roi.find('~') == std::string::npos && (rois.empty() || rois.back() != roi)) rois.push_back(roi);
      table_rows.push_back({roi, test, std::string(t.cell(r, "group")), std::string(t.cell(r, "n1")),
                            std::string(t.cell(r, "n2")), fmt(t.number(r, "estimate")),
                            fmt_interval(t.number(r, "ci_lower"), t.number(r, "ci_upper")),
                            fmt(t.number(r, "p")), fmt(t.number(r, "p_adjusted"))});
    }
    out.add_figure("effects_" + safe_name(measure), "effects",
                   effect_plot("Between-arm difference in change: " + measure, effects,
                               "post − pre difference, " + config.study.arms.front() + " − " +
                                   config.study.arms.back() + " (" + units(measure) + ")"),
                   "Between-arm effect (" + between + ") with its CI per ROI");
    std::set<std::string> seen;
    for (const auto& roi : rois) {
      if (!seen.insert(roi).second) continue;
      std::vector<PairedArm> arms;
      for (const auto& arm : config.study.arms) {
        PairedArm a{arm, {}, {}};
        for (const auto& p : data.participants) {
          if (p.arm != arm) continue;
          a.pre.push_back(session_value(p, config.study.sessions.pre, roi, measure));
          a.post.push_back(session_value(p, config.study.sessions.post, roi, measure));
        }
        arms.push_back(a);
      }
      out.add_figure("paired_" + safe_name(roi) + "_" + safe_name(measure), "paired",
                     paired_lines(roi + " · " + measure, arms, units(measure)),
                     "Pre vs post per participant, per arm: " + roi + ", " + measure);
    }
    out.html += "<details><summary>Table: " + html_escape(measure) + "</summary>" +
                html_table({"ROI", "test", "group", "n1", "n2", "estimate", "CI", "p", "p adjusted"},
                           table_rows, "group-table") + "</details>\n";
  }
  out.html += "</section>\n";
}

}  // namespace acuroi::report::detail
