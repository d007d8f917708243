// Plots as functions returning standalone SVG text (svg.hpp), in the Okabe–Ito palette, with
// labelled axes. Elements carry classes so tests and the report can find them:
//   forest: g.study-row (one per study, with rect.weight-box and line.ci), polygon.pooled-diamond
//           (attribute data-estimate), line.prediction-interval; attribute data-x-min/data-x-max
//           on the root's first <g class="plot-area"> give the x scale's data range and
//           data-px-min/data-px-max its pixel range.
//   forest by subgroup: g.subgroup-heading, polygon.subgroup-diamond, text.subgroup-test;
//   funnel: circle.study-point, circle.filled-study (trim-and-fill), line.trimfill-estimate,
//           polygon.pseudo-ci;
//   fd trace: polyline.fd, line.threshold, rect.censored;  paired lines: line.pair;
//   effects: g.effect-row;  carpet: rect.carpet-cell (data-roi, data-volume, data-z),
//           rect.censored-volume, text.roi-label;  overlays: rect.legend-swatch.
//   Every plot's g.plot-area carries its scales: data-x-min/max + data-px-min/max and, where the
//   y axis is numeric, data-y-min/max + data-py-min/max (meta_plots.hpp, qc_plots.hpp).
//
//   std::vector<ForestRow> rows{{"study A", 0.3, 0.1, 0.6, 40}, {"study B", 0.5, 0.2, 0.8, 60}};
//   ForestPooled pooled{0.42, 0.2, 0.64, 0.0, 0.9};
//   std::string svg = forest_plot("ACC · alff", rows, pooled, "Hedges' g");
#pragma once
#include "acuroi/report/meta_plots.hpp"
#include "acuroi/report/qc_plots.hpp"
