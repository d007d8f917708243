#include "acuroi/report/svg.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace acuroi::report {

std::string okabe_ito(int index) {
  static const std::array<const char*, 8> colours = {"#000000", "#E69F00", "#56B4E9", "#009E73",
                                                      "#F0E442", "#0072B2", "#D55E00", "#CC79A7"};
  return colours[static_cast<std::size_t>(((index % 8) + 8) % 8)];
}

namespace {
// Paul Tol's qualitative schemes (https://personal.sron.nl/~pault/): "muted" without its pale
// grey bad-data colour, then "light" without its pale grey.
constexpr std::array<const char*, 9> kTolMuted = {"#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
                                                  "#882255", "#44AA99", "#999933", "#AA4499"};
constexpr std::array<const char*, 8> kTolLight = {"#77AADD", "#99DDFF", "#44BB99", "#BBCC33",
                                                  "#AAAA00", "#EEDD88", "#EE8866", "#FFAABB"};
constexpr int kSolidColours = 7 + static_cast<int>(kTolMuted.size() + kTolLight.size());
constexpr int kPatterns = 4;  // solid, stripes, cross-hatch, dots
}  // namespace

int roi_colour_count() { return kSolidColours; }

RoiStyle roi_style(int roi_index) {
  const int k = ((roi_index % (kSolidColours * kPatterns)) + kSolidColours * kPatterns) %
                (kSolidColours * kPatterns);
  const int c = k % kSolidColours;
  RoiStyle style;
  style.pattern = k / kSolidColours;
  if (c < 7) style.colour = okabe_ito(c + 1);
  else if (c < 7 + static_cast<int>(kTolMuted.size())) style.colour = kTolMuted[static_cast<std::size_t>(c - 7)];
  else style.colour = kTolLight[static_cast<std::size_t>(c - 7 - static_cast<int>(kTolMuted.size()))];
  return style;
}

std::string roi_colour(int roi_index) { return roi_style(roi_index).colour; }

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

double LinearScale::operator()(double value) const {
  if (data_max == data_min) return (pixel_min + pixel_max) / 2;
  return pixel_min + (value - data_min) / (data_max - data_min) * (pixel_max - pixel_min);
}

double LinearScale::invert(double pixel) const {
  if (pixel_max == pixel_min) return data_min;
  return data_min + (pixel - pixel_min) / (pixel_max - pixel_min) * (data_max - data_min);
}

std::string format_number(double value, int significant) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
  return buffer;
}

std::string format_exact(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string scale_attributes(char axis, const LinearScale& scale) {
  const std::string a(1, axis);
  return "data-" + a + "-min=\"" + format_exact(scale.data_min) + "\" data-" + a + "-max=\"" +
         format_exact(scale.data_max) + "\" data-p" + a + "-min=\"" + format_exact(scale.pixel_min) +
         "\" data-p" + a + "-max=\"" + format_exact(scale.pixel_max) + "\"";
}

namespace {
std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

std::vector<double> nice_ticks(double lo, double hi) {
  std::vector<double> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  const double raw = (hi - lo) / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) { step = m * magnitude; break; }
  }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}
}  // namespace

Svg::Svg(double width, double height, std::string title)
    : width_(width), height_(height), title_(std::move(title)) {}

void Svg::line(double x1, double y1, double x2, double y2, const std::string& colour, double width,
               const std::string& extra) {
  body_ += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\" stroke=\"" + colour + "\" stroke-width=\"" + num(width) + "\" " + extra +
           "/>\n";
}

void Svg::rect(double x, double y, double w, double h, const std::string& fill,
               const std::string& extra) {
  body_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
           num(h) + "\" fill=\"" + fill + "\" " + extra + "/>\n";
}

void Svg::circle(double cx, double cy, double r, const std::string& fill,
                 const std::string& extra) {
  body_ += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\" fill=\"" +
           fill + "\" " + extra + "/>\n";
}

void Svg::polygon(const std::string& points, const std::string& fill, const std::string& extra) {
  body_ += "<polygon points=\"" + points + "\" fill=\"" + fill + "\" " + extra + "/>\n";
}

void Svg::polyline(const std::string& points, const std::string& colour, double width,
                   const std::string& extra) {
  body_ += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"" + num(width) + "\" " + extra + "/>\n";
}

void Svg::text(double x, double y, std::string_view content, const std::string& anchor,
               double size, const std::string& extra) {
  body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor +
           "\" font-size=\"" + num(size) + "\" " + extra + ">" + escape_xml(content) + "</text>\n";
}

std::string Svg::style_fill(const RoiStyle& style, const std::string& id_prefix) {
  if (style.pattern == 0) return style.colour;
  const std::string id = id_prefix + "-" + style.colour.substr(1) + "-p" + std::to_string(style.pattern);
  if (defs_.find("id=\"" + id + "\"") != std::string::npos) return "url(#" + id + ")";
  std::string marks;
  const std::string ink = "fill=\"#000000\" fill-opacity=\"0.7\"";
  if (style.pattern == 1) marks = "<rect x=\"0\" y=\"0\" width=\"2\" height=\"6\" " + ink + "/>";
  else if (style.pattern == 2)
    marks = "<rect x=\"0\" y=\"0\" width=\"1.5\" height=\"6\" " + ink + "/><rect x=\"0\" y=\"0\" "
            "width=\"6\" height=\"1.5\" " + ink + "/>";
  else marks = "<circle cx=\"3\" cy=\"3\" r=\"1.4\" " + ink + "/>";
  defs_ += "<pattern id=\"" + id + "\" class=\"roi-pattern\" data-pattern=\"" +
           std::to_string(style.pattern) + "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"" +
           (style.pattern == 1 ? " patternTransform=\"rotate(45)\"" : "") + "><rect x=\"0\" y=\"0\" "
           "width=\"6\" height=\"6\" fill=\"" + style.colour + "\"/>" + marks + "</pattern>\n";
  return "url(#" + id + ")";
}

void Svg::open_group(const std::string& attributes) { body_ += "<g " + attributes + ">\n"; }
void Svg::close_group() { body_ += "</g>\n"; }

void Svg::x_axis(const LinearScale& x, double y, const std::string& label) {
  open_group("class=\"x-axis\"");
  line(x.pixel_min, y, x.pixel_max, y, "#000000", 1);
  const double lo = std::min(x.data_min, x.data_max), hi = std::max(x.data_min, x.data_max);
  for (double t : nice_ticks(lo, hi)) {
    line(x(t), y, x(t), y + 5, "#000000", 1);
    text(x(t), y + 17, format_number(t), "middle", 11);
  }
  text((x.pixel_min + x.pixel_max) / 2, y + 34, label, "middle", 12, "class=\"axis-label\"");
  close_group();
}

void Svg::y_axis(const LinearScale& y, double x, const std::string& label) {
  open_group("class=\"y-axis\"");
  line(x, y.pixel_min, x, y.pixel_max, "#000000", 1);
  const double lo = std::min(y.data_min, y.data_max), hi = std::max(y.data_min, y.data_max);
  for (double t : nice_ticks(lo, hi)) {
    line(x - 5, y(t), x, y(t), "#000000", 1);
    text(x - 8, y(t) + 4, format_number(t), "end", 11);
  }
  const double cy = (y.pixel_min + y.pixel_max) / 2;
  text(x - 42, cy, label, "middle", 12,
       "class=\"axis-label\" transform=\"rotate(-90 " + num(x - 42) + " " + num(cy) + ")\"");
  close_group();
}

std::string Svg::str() const {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width_) +
                    "\" height=\"" + num(height_) + "\" viewBox=\"0 0 " + num(width_) + " " +
                    num(height_) + "\" font-family=\"sans-serif\">\n";
  if (!title_.empty()) out += "<title>" + escape_xml(title_) + "</title>\n";
  if (!defs_.empty()) out += "<defs>\n" + defs_ + "</defs>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  return out + body_ + "</svg>\n";
}

}  // namespace acuroi::report
