// A tiny SVG writer: shapes and text in a viewBox, text escaped, the Okabe–Ito colour-blind-safe
// palette, per-ROI styles that never repeat, and a linear scale with labelled axes. Coordinates
// are SVG user units (px), y down.
//
//   Svg svg(600, 300);
//   LinearScale x{0, 10, 60, 580};           // data 0..10 -> px 60..580
//   svg.line(x(1), 20, x(1), 280, okabe_ito(1), 1.5);
//   std::string text = svg.str();            // "<svg ...>...</svg>"
#pragma once
#include <string>
#include <string_view>

namespace acuroi::report {

// Okabe & Ito (2008) colours: 0 black, 1 orange, 2 sky blue, 3 bluish green, 4 yellow,
// 5 blue, 6 vermillion, 7 reddish purple; index taken modulo 8.
std::string okabe_ito(int index);

// The look of ROI k (0-based) in overlays and legends: a colour-blind-safe colour and a fill
// pattern. ROIs 0-6 get Okabe–Ito's seven non-black colours (okabe_ito(1..7)), ROIs 7-15 Paul
// Tol's "muted" palette, ROIs 16-23 Tol's "light" palette (both without their pale grey), all
// solid. From ROI 24 on the 24 colours repeat with a black pattern on top: 1 = diagonal stripes,
// 2 = cross-hatch, 3 = dots, so the first 96 ROIs all look different (styles repeat modulo 96).
struct RoiStyle {
  std::string colour;  // "#RRGGBB"
  int pattern = 0;     // 0 solid, 1 stripes, 2 cross-hatch, 3 dots
  bool operator==(const RoiStyle&) const = default;
};
RoiStyle roi_style(int roi_index);
// Number of distinct solid colours before patterns start (24).
int roi_colour_count();
// Just the colour of roi_style(roi_index).
std::string roi_colour(int roi_index);

// "<", ">", "&", '"' and "'" as XML entities.
std::string escape_xml(std::string_view text);

// Maps [data_min, data_max] to [pixel_min, pixel_max] linearly (either may be reversed).
struct LinearScale {
  double data_min, data_max, pixel_min, pixel_max;
  double operator()(double value) const;
  double invert(double pixel) const;
};

// A number with `significant` digits ("n/a" for NaN/inf).
std::string format_number(double value, int significant = 3);

// A double that reads back exactly ("%.17g"; "nan", "inf" as printf writes them) for data-*
// attributes that tests compare.
std::string format_exact(double value);

// The data-* attributes that document a plot area's scale, so tests can map pixels back to data:
// axis 'x' gives data-x-min/data-x-max (the scale's data range) and data-px-min/data-px-max (the
// pixels they map to); axis 'y' gives data-y-min/data-y-max and data-py-min/data-py-max.
std::string scale_attributes(char axis, const LinearScale& scale);

class Svg {
 public:
  Svg(double width, double height, std::string title = {});
  // `extra` is added verbatim inside the element (e.g. class="study"); keep it valid XML.
  void line(double x1, double y1, double x2, double y2, const std::string& colour, double width,
            const std::string& extra = {});
  void rect(double x, double y, double w, double h, const std::string& fill,
            const std::string& extra = {});
  void circle(double cx, double cy, double r, const std::string& fill,
              const std::string& extra = {});
  void polygon(const std::string& points, const std::string& fill, const std::string& extra = {});
  void polyline(const std::string& points, const std::string& colour, double width,
                const std::string& extra = {});
  // anchor: "start", "middle" or "end".
  void text(double x, double y, std::string_view content, const std::string& anchor = "start",
            double size = 12, const std::string& extra = {});
  // Registers the fill of `style` and returns the fill attribute value: the colour when solid,
  // else "url(#<id>)" of a <pattern> (user-space, so hatching runs on across adjacent cells)
  // emitted once in the SVG's <defs>. Ids start with `id_prefix`, which must be unique in an
  // HTML page holding several SVGs (e.g. derived from the figure's name).
  std::string style_fill(const RoiStyle& style, const std::string& id_prefix);
  // Opens/closes a <g> with the given attributes (e.g. class="study-row").
  void open_group(const std::string& attributes);
  void close_group();
  // Bottom x axis at pixel y with ticks and a label (units in the label, e.g. "FD (mm)").
  void x_axis(const LinearScale& x, double y, const std::string& label);
  // Left y axis at pixel x.
  void y_axis(const LinearScale& y, double x, const std::string& label);
  std::string str() const;

 private:
  double width_, height_;
  std::string title_, defs_, body_;
};

}  // namespace acuroi::report
