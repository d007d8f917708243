// Rank tests, matching scipy 1.10 (Debian 12) defaults, all two-sided:
// - Wilcoxon signed-rank on paired differences (post − pre), zero_method "wilcox" (zeros dropped),
//   statistic T = min(R+, R−). automatic: exact null distribution when n ≤ 50 and there are no
//   zero differences and no tied |differences|; otherwise the normal approximation with the tie
//   correction of the variance and (optional, off by default as in scipy) continuity correction.
//   Note: scipy 1.10.1 also uses its "exact" branch with tied |d| (it then truncates R+ to an
//   integer, which is not a valid exact test); we switch to the normal approximation there.
// - Mann–Whitney U (active vs control), U of the active arm reported as scipy's `statistic`.
//   automatic: exact when min(n1, n2) ≤ 8 and no ties, else asymptotic normal with the tie
//   correction and the continuity correction (on by default, as scipy's use_continuity=True).
//
//   WilcoxonSignedRank w = wilcoxon_signed_rank(change_active);
//   MannWhitneyU u = mann_whitney_u(change_active, change_control);
//   double p = u.p;
#pragma once
#include <cstddef>
#include <optional>
#include <span>

namespace acuroi::stats {

enum class RankTestMethod { automatic, exact, normal };

struct WilcoxonOptions {
  RankTestMethod method = RankTestMethod::automatic;
  bool continuity_correction = false;  // normal approximation only (scipy `correction`)
};

struct WilcoxonSignedRank {
  std::size_t n = 0;       // differences given
  std::size_t n_zero = 0;  // zero differences (dropped)
  bool ties = false;       // tied non-zero |differences|
  double r_plus = 0, r_minus = 0;
  double statistic = 0;  // min(R+, R−)
  double p = 0;
  RankTestMethod method_used = RankTestMethod::exact;  // exact or normal
  std::optional<double> z;                             // normal approximation only
};

struct MannWhitneyOptions {
  RankTestMethod method = RankTestMethod::automatic;
  bool continuity_correction = true;  // asymptotic only (scipy `use_continuity`)
};

struct MannWhitneyU {
  std::size_t n_active = 0, n_control = 0;
  bool ties = false;
  double u_active = 0;   // #pairs active > control (+½ per tie): scipy's statistic
  double u_control = 0;  // n_active·n_control − u_active
  double p = 0;
  RankTestMethod method_used = RankTestMethod::exact;  // exact or normal
  std::optional<double> z;                             // asymptotic only
};

// Throws StatsError: fewer than 1 non-zero difference, non-finite values, exact requested with
// zeros or ties, or every difference zero for the normal approximation.
WilcoxonSignedRank wilcoxon_signed_rank(std::span<const double> differences,
                                        const WilcoxonOptions& options = {});
// Throws StatsError: an empty arm, non-finite values, exact requested with ties, all values equal
// (asymptotic variance 0).
MannWhitneyU mann_whitney_u(std::span<const double> active, std::span<const double> control,
                            const MannWhitneyOptions& options = {});

}  // namespace acuroi::stats
