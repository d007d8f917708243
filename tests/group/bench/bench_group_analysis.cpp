// Benchmark of the whole group analysis (not a test): 200 participants (100 per arm), 5 ROIs × 10
// measures, covariates age + sex, 10,000 permutations: paired/Welch/Student tests, study records,
// ANCOVA and change GLMs, and three max-T permutation families (Welch label permutation,
// Freedman–Lane for both GLMs), with 1 and 2 TBB threads. Usage: bench_group_analysis [B]
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "../study_fixture.hpp"
#include "acuroi/group/analysis.hpp"

using namespace acuroi::group;

namespace {

double seconds_with_threads(int threads, const StudyValues& v, const GroupOptions& o,
                            GroupResults& out) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const auto start = std::chrono::steady_clock::now();
  out = analyse_group(v, o);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool identical(const GroupResults& a, const GroupResults& b) {
  for (std::size_t f = 0; f < a.permutations.size(); ++f)
    if (a.permutations[f].p_fwe != b.permutations[f].p_fwe ||
        a.permutations[f].p_uncorrected != b.permutations[f].p_uncorrected ||
        a.permutations[f].max_abs_t != b.permutations[f].max_abs_t)
      return false;
  return a.permutations.size() == b.permutations.size();
}

}  // namespace

int main(int argc, char** argv) {
  group_test::SimulationSpec spec;
  spec.n_active = spec.n_control = 100;
  const char* rois[] = {"ACC", "insula", "S1", "thalamus", "DMN"};
  const char* measures[] = {"mean",  "sd",   "tsnr", "alff", "falff",
                            "malff", "reho", "gm",   "x1",   "x2"};
  for (const char* roi : rois)
    for (int m = 0; m < 10; ++m) spec.columns.push_back({roi, measures[m], 0.05 * (m % 4)});
  const StudyValues values = group_test::simulate_values(spec, 1);
  GroupOptions o;
  o.permutations = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  o.permutation_seed = 42;
  o.covariates = {"age", "sex"};
  o.categorical = {"sex"};
  GroupResults one, two;
  const double t1 = seconds_with_threads(1, values, o, one);
  const double t2 = seconds_with_threads(2, values, o, two);
  std::printf(
      "whole analyse_group (%zu participants, %zu ROI x measure, %zu permutations, "
      "3 families)\n",
      values.participants.size(), values.columns.size(), o.permutations);
  std::printf("%-34s 1 thread %7.3f s   2 threads %7.3f s   speed-up x%.2f   identical: %s\n",
              "tests + GLMs + permutations", t1, t2, t1 / t2, identical(one, two) ? "yes" : "NO");
  return identical(one, two) ? 0 : 1;
}
