#include <algorithm>
#include <cctype>

#include "acuroi/report/svg.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {

void ReportBuilder::add_figure(const std::string& name, const std::string& kind,
                               const std::string& svg, const std::string& caption) {
  std::string unique = name;
  for (int n = 2; std::any_of(figures.begin(), figures.end(),
                              [&](const Figure& f) { return f.name == unique; });
       ++n)
    unique = name + "_" + std::to_string(n);
  figures.push_back({unique, kind, svg});
  // The inline copy drops the XML prolog-free <svg> as is; the <title> stays for accessibility.
  html += "<figure class=\"plot\" data-kind=\"" + html_escape(kind) + "\" id=\"fig-" + unique +
          "\">\n" + svg + "<figcaption>" + html_escape(caption) + " (figures/" + unique +
          ".svg)</figcaption></figure>\n";
}

std::string html_escape(const std::string& text) { return escape_xml(text); }

std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::string& css_class) {
  std::string out = "<table class=\"" + css_class + "\"><thead><tr>";
  for (const auto& h : header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string safe_name(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out;
}

std::string fmt(double value) { return format_number(value, 4); }

std::string fmt_interval(double lower, double upper) {
  std::string text = "[";
  text.append(fmt(lower)).append(", ").append(fmt(upper)).append("]");
  return text;
}

}  // namespace acuroi::report::detail
