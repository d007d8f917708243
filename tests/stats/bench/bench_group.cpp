// Benchmark of permutation inference with max-T (not a test): 200 participants, 5 ROIs × 10
// measures = 50 tests, 10,000 permutations; between-arm Welch label permutation and the
// Freedman–Lane GLM `change ~ arm + age + sex`; wall time with 1 and 2 TBB threads
// (tbb::global_control) and the scaling ratio. Usage: bench_group [n_permutations]
#include "acuroi/stats/permutation.hpp"
#include "acuroi/stats/random.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <numbers>
#include <string>

using namespace acuroi::stats;

namespace {

constexpr std::size_t kParticipants = 200, kRois = 5, kMeasures = 10;

double normal(PermutationRng& rng) {
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

struct Data {
  BetweenArmPermutationInput between;
  std::vector<GlmPermutationTest> glm;
};

Data make_data() {
  PermutationRng rng(1, 0);
  Data d;
  ParticipantTable table;
  for (std::size_t i = 0; i < kParticipants; ++i) {
    const std::string id = "sub-" + std::to_string(i + 1);
    d.between.participant_ids.push_back(id);
    d.between.active.push_back(i % 2 == 0);
    table.participant_ids.push_back(id);
    table.categorical["arm"].push_back(i % 2 == 0 ? "acupuncture" : "sham");
    table.categorical["sex"].push_back(rng.uniform() < 0.5 ? "F" : "M");
    table.numeric["age"].push_back(40.0 + 12.0 * normal(rng));
  }
  const std::size_t tests = kRois * kMeasures;
  d.between.values.resize(kParticipants, tests);
  for (std::size_t j = 0; j < tests; ++j) {
    const std::string name =
        "roi" + std::to_string(j / kMeasures) + "/measure" + std::to_string(j % kMeasures);
    d.between.test_names.push_back(name);
    std::vector<double> change(kParticipants);
    for (std::size_t i = 0; i < kParticipants; ++i) {
      change[i] = (i % 2 == 0 ? 0.05 * static_cast<double>(j % 4) : 0.0) + normal(rng);
      d.between.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = change[i];
    }
    table.numeric["change"] = change;
    d.glm.push_back(
        {name,
         build_design(table, change_spec("change", "arm", "sham",
                                         {Term::numeric("age", true), Term::categorical("sex")})),
         "arm[T.acupuncture]"});
  }
  return d;
}

struct Timing {
  double wall = 0, cpu = 0;  // seconds; cpu = process CPU time of all threads
};

template <class Run>
Timing time_with_threads(int threads, Run&& run, PermutationResult& out) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  out = run();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), cpu};
}

bool identical(const PermutationResult& a, const PermutationResult& b) {
  return a.p_uncorrected == b.p_uncorrected && a.p_fwe == b.p_fwe && a.max_abs_t == b.max_abs_t &&
         a.t_observed == b.t_observed;
}

template <class Run>
void measure(const char* label, Run&& run) {
  PermutationResult one, two;
  const Timing t1 = time_with_threads(1, run, one);
  const Timing t2 = time_with_threads(2, run, two);
  std::printf("%-34s 1 thread %7.3f s   2 threads %7.3f s   speed-up x%.2f   identical: %s\n",
              label, t1.wall, t2.wall, t1.wall / t2.wall, identical(one, two) ? "yes" : "NO");
  std::printf("%-34s CPU time 1 thread %.3f s, 2 threads %.3f s (CPU/wall with 2 threads %.2f)\n",
              "", t1.cpu, t2.cpu, t2.cpu / t2.wall);
  std::printf("%-34s min p_fwe %.4f  min p_uncorrected %.4f\n", "",
              *std::min_element(one.p_fwe.begin(), one.p_fwe.end()),
              *std::min_element(one.p_uncorrected.begin(), one.p_uncorrected.end()));
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n_permutations = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const Data data = make_data();
  const PermutationOptions options{n_permutations, 42};
  std::printf("permutations %zu, participants %zu, tests %zu (%zu ROIs x %zu measures), max-T\n",
              n_permutations, kParticipants, kRois * kMeasures, kRois, kMeasures);
  measure("between-arm Welch (labels)",
          [&] { return permute_between_arms(data.between, options); });
  measure("GLM Freedman-Lane (arm+age+sex)", [&] { return permute_glm(data.glm, options); });
  return 0;
}
