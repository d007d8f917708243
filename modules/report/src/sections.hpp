// Internal: the report's sections. Each appends HTML to `html` and its figures to `figures`.
#pragma once
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/report/report.hpp"
#include "report_data.hpp"

namespace acuroi::report::detail {

struct Figure {
  std::string name;  // file stem, e.g. "forest_ACC_alff"
  std::string kind;  // "forest", "forest-subgroups", "funnel", "overlay", "fd", "carpet", "paired",
                     // "effects", "leave-one-out"
  std::string svg;
};

struct ReportBuilder {
  std::string html;
  std::vector<Figure> figures;
  // Appends `svg` inline (in a <figure class="plot" data-kind=...>) and remembers it as a file.
  void add_figure(const std::string& name, const std::string& kind, const std::string& svg,
                  const std::string& caption);
};

std::string html_escape(const std::string& text);
// A <table> with a header row; cells are escaped.
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::string& css_class = "data");
// A file-name-safe stem: letters, digits, '-', '_' kept; anything else becomes '_'.
std::string safe_name(const std::string& text);
std::string fmt(double value);
// "[lower, upper]" with fmt().
std::string fmt_interval(double lower, double upper);

void add_summary_section(ReportBuilder& out, const config::Config& config, const ReportData& data);
void add_overlay_section(ReportBuilder& out, const config::Config& config, const ReportData& data,
                         const ReportOptions& options);
void add_qc_section(ReportBuilder& out, const config::Config& config, const ReportData& data);
void add_group_section(ReportBuilder& out, const config::Config& config, const ReportData& data);
void add_meta_section(ReportBuilder& out, const ReportData& data);

}  // namespace acuroi::report::detail
