#include "acuroi/report/report.hpp"

#include "acuroi/core/atomic_file.hpp"
#include "sections.hpp"

namespace acuroi::report {
namespace {

const char* kCss = R"(body{font-family:sans-serif;max-width:1150px;margin:1em auto;color:#111;padding:0 1em}
h1{border-bottom:2px solid #0072B2}h2{margin-top:2em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.5em 0;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
th{background:#eef}figure.plot{display:inline-block;margin:.5em;vertical-align:top}
figcaption{font-size:11px;color:#444;max-width:640px}pre{font-size:11px;background:#f6f6f6;padding:.5em;overflow:auto}
.note{color:#8a4b00}details{margin:.5em 0}
)";

}  // namespace

std::filesystem::path write_report(const config::Config& config, const ReportOptions& options) {
  const detail::ReportData data = detail::load_report_data(config);
  detail::ReportBuilder builder;
  detail::add_summary_section(builder, config, data);
  detail::add_overlay_section(builder, config, data, options);
  detail::add_qc_section(builder, config, data);
  detail::add_group_section(builder, config, data);
  detail::add_meta_section(builder, data);

  const std::filesystem::path dir =
      options.report_dir.empty() ? config.output.dir / "report" : options.report_dir;
  std::filesystem::create_directories(dir / "figures");
  for (const auto& figure : builder.figures)
    core::write_text_atomically(dir / "figures" / (figure.name + ".svg"),
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + figure.svg);
  const std::string title = "acuroi report: " + config.study.name;
  const std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                           "<title>" + detail::html_escape(title) + "</title><style>" + kCss +
                           "</style></head>\n<body><h1>" + detail::html_escape(title) + "</h1>\n" +
                           builder.html + "</body></html>\n";
  const std::filesystem::path path = dir / "acuroi_report.html";
  core::write_text_atomically(path, html);
  return path;
}

}  // namespace acuroi::report
