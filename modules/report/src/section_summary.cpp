#include <set>

#include "acuroi/core/version.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {
std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}
}  // namespace

void add_summary_section(ReportBuilder& out, const config::Config& config, const ReportData& data) {
  out.html += "<section id=\"summary\"><h2>Run summary</h2>\n";
  std::set<std::string> sessions;
  std::size_t runs = 0;
  std::vector<std::vector<std::string>> exclusions;
  for (const auto& p : data.participants) {
    for (const auto& run : p.runs) {
      sessions.insert(run.session);
      ++runs;
      if (run_attribute_text(run, "excluded") == "1")
        exclusions.push_back({"sub-" + p.participant_label, "ses-" + run.session,
                              run.run.empty() ? "-" : run.run, "run",
                              run_attribute_text(run, "exclusion_reason")});
    }
  }
  if (data.group_exclusions) {
    const auto& t = *data.group_exclusions;
    for (std::size_t r = 0; r < t.row_count(); ++r)
      exclusions.push_back({"sub-" + std::string(t.cell(r, "participant")),
                            "ses-" + std::string(t.cell(r, "session")), "-",
                            std::string(t.cell(r, "roi")) + " " + std::string(t.cell(r, "measure")),
                            std::string(t.cell(r, "reason"))});
  }
  std::vector<std::vector<std::string>> rows = {
      {"study", config.study.name},
      {"participants", std::to_string(data.participants.size())},
      {"sessions", join({sessions.begin(), sessions.end()})},
      {"runs", std::to_string(runs)},
      {"arms", join(config.study.arms)},
      {"ROIs", data.participants.empty() ? "" : [&] {
         std::vector<std::string> names;
         for (const auto& r : data.participants.front().rois) names.push_back(r.name);
         return join(names);
       }()},
      {"minimum ROI coverage", fmt(config.rois.min_coverage)},
      {"denoising", std::string(config::to_string(config.denoise.strategy)) +
                        ", FD threshold " + fmt(config.denoise.fd_threshold_mm) + " mm, band " +
                        fmt(config.denoise.high_pass_hz) + "–" + fmt(config.denoise.low_pass_hz) +
                        " Hz, minimum " + fmt(config.denoise.min_time_seconds) + " s kept"},
      {"measures", join(config.measures.compute)},
      {"between-arm test", std::string(config::to_string(config.group.between_test))},
      {"pooling", config.meta.studies.empty()
                      ? "not configured"
                      : config.meta.method + " (" + config.meta.effect_measure + ", test " +
                            config.meta.test + ")"},
      {"acuroi version", std::string(core::version())},
      {"config SHA-256", config::config_hash(config)},
  };
  out.html += html_table({"item", "value"}, rows, "summary");
  out.html += "<h3>Exclusions</h3>\n";
  if (exclusions.empty()) out.html += "<p>No exclusions.</p>\n";
  else out.html += html_table({"participant", "session", "run", "what", "reason"}, exclusions);
  out.html += "<details><summary>ROI definitions</summary>";
  std::vector<std::vector<std::string>> roi_rows;
  if (!data.participants.empty())
    for (const auto& r : data.participants.front().rois) roi_rows.push_back({r.name, r.kind, r.definition});
  out.html += html_table({"ROI", "kind", "definition"}, roi_rows);
  out.html += "</details>\n<details><summary>Resolved configuration</summary><pre>" +
              html_escape(config::resolved_yaml(config)) + "</pre></details>\n</section>\n";
}

}  // namespace acuroi::report::detail
