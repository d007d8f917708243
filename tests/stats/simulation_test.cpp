// Simulated studies (seeded): the between-arm Welch test keeps its level, its 95% CI its coverage,
// and planted effects are recovered with the right sign and size. Binomial tolerances: with 1000
// studies the SD of a 5% rejection rate is 0.69 points and of a 95% coverage 0.69 points, so the
// windows 3.5–6.5% and 93.5–96.5% are ±2.2 SD.
#include "acuroi/stats/ols.hpp"
#include "acuroi/stats/prepost.hpp"
#include "acuroi/stats/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace acuroi::stats;

namespace {

// Standard normal deviates (Box–Muller) from the module's reproducible engine.
class Normal {
 public:
  explicit Normal(std::uint64_t stream) : rng_(7, stream) {}
  double operator()() {
    const double u1 = 1.0 - rng_.uniform(), u2 = rng_.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  PermutationRng rng_;
};

// An arm: pre ~ N(1, 0.3), change ~ N(effect, sd_change), post = pre + change.
PrePostArm simulate_arm(Normal& z, const std::string& name, std::size_t n, double effect,
                        double sd_change) {
  PrePostArm arm;
  arm.name = name;
  for (std::size_t i = 0; i < n; ++i) {
    arm.participant_ids.push_back(name + std::to_string(i));
    const double pre = 1.0 + 0.3 * z();
    arm.pre.push_back(pre);
    arm.post.push_back(pre + effect + sd_change * z());
  }
  return arm;
}

}  // namespace

TEST(Simulation, WelchLevelAndCoverageUnderTheNull) {
  int rejections = 0, covered = 0;
  const int studies = 1000;
  for (int s = 0; s < studies; ++s) {
    Normal z(static_cast<std::uint64_t>(s));
    // Unequal arm sizes and variances: where Welch matters.
    const PrePostData data{"sim", "null", simulate_arm(z, "active", 12, 0.0, 0.45),
                           simulate_arm(z, "control", 20, 0.0, 0.2)};
    const TwoSampleTTest t = analyse_prepost(data).welch;
    rejections += t.p < 0.05;
    covered += t.ci_lower <= 0.0 && 0.0 <= t.ci_upper;
  }
  const double rate = 100.0 * rejections / studies, coverage = 100.0 * covered / studies;
  std::cout << "null: Welch rejects " << rate << "%, 95% CI covers " << coverage << "%\n";
  EXPECT_GE(rate, 3.5);
  EXPECT_LE(rate, 6.5);
  EXPECT_GE(coverage, 93.5);
  EXPECT_LE(coverage, 96.5);
}

// Planted effect −0.3 (SD of change 0.2, 12 per arm, as in the reference data): the mean estimate
// over 1000 studies lies within 4 standard errors of the truth (SE = √(2·0.2²/12)/√1000 = 0.0026),
// CIs keep their coverage, every estimate with a significant p has the right sign, and Hedges' g
// averages to the standardised effect −1.5 within 4 simulation SEs.
TEST(Simulation, PlantedEffectIsRecovered) {
  const double effect = -0.3, sd = 0.2;
  const int studies = 1000;
  double sum = 0.0, sum_g = 0.0, sum_g2 = 0.0;
  int covered = 0, significant_wrong_sign = 0, significant = 0;
  for (int s = 0; s < studies; ++s) {
    Normal z(10000 + static_cast<std::uint64_t>(s));
    const PrePostData data{"sim", "effect", simulate_arm(z, "active", 12, effect, sd),
                           simulate_arm(z, "control", 12, 0.0, sd)};
    const PrePostResult r = analyse_prepost(data);
    sum += r.welch.difference;
    sum_g += r.effect.hedges_g;
    sum_g2 += r.effect.hedges_g * r.effect.hedges_g;
    covered += r.welch.ci_lower <= effect && effect <= r.welch.ci_upper;
    if (r.welch.p < 0.05) {
      ++significant;
      significant_wrong_sign += r.welch.difference > 0;
    }
  }
  const double mean_estimate = sum / studies;
  const double se_mean = std::sqrt(2.0 * sd * sd / 12.0) / std::sqrt(double(studies));
  const double mean_g = sum_g / studies;
  const double se_g = std::sqrt((sum_g2 / studies - mean_g * mean_g) / studies);
  std::cout << "effect: mean estimate " << mean_estimate << " (truth " << effect << ", SE "
            << se_mean << "), coverage " << 100.0 * covered / studies << "%, power "
            << 100.0 * significant / studies << "%, mean g " << mean_g << " (truth -1.5, SE "
            << se_g << ")\n";
  EXPECT_LT(std::fabs(mean_estimate - effect), 4.0 * se_mean);
  EXPECT_GE(100.0 * covered / studies, 93.5);
  EXPECT_LE(100.0 * covered / studies, 96.5);
  EXPECT_EQ(significant_wrong_sign, 0);
  EXPECT_GT(significant, 850);  // power of Welch at δ/SE = 3.7 with df ≈ 22 is ≈ 0.94
  EXPECT_LT(std::fabs(mean_g - effect / sd), 4.0 * se_g);
}

// ANCOVA `post ~ arm + pre`: the arm coefficient's 95% CI covers the planted effect in
// 93.5–96.5% of 1000 studies.
TEST(Simulation, AncovaCoverage) {
  const double effect = 0.25;
  int covered = 0;
  const int studies = 1000;
  for (int s = 0; s < studies; ++s) {
    Normal z(50000 + static_cast<std::uint64_t>(s));
    ParticipantTable t;
    for (int i = 0; i < 30; ++i) {
      const bool active = i % 2 == 0;
      const double pre = 1.0 + 0.3 * z();
      t.participant_ids.push_back("p" + std::to_string(i));
      t.categorical["arm"].push_back(active ? "active" : "control");
      t.numeric["pre"].push_back(pre);
      t.numeric["post"].push_back(0.2 + 0.6 * pre + (active ? effect : 0.0) + 0.25 * z());
    }
    const OlsFit fit =
        fit_ols(build_design(t, ancova_post_spec("post", "pre", "arm", "control", {})));
    const Coefficient& arm = fit.coefficient("arm[T.active]");
    covered += arm.ci_lower <= effect && effect <= arm.ci_upper;
  }
  std::cout << "ANCOVA arm CI coverage " << 100.0 * covered / studies << "%\n";
  EXPECT_GE(100.0 * covered / studies, 93.5);
  EXPECT_LE(100.0 * covered / studies, 96.5);
}
