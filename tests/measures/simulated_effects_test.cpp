// Planted effects of the simulator are recovered: runs made in memory by the simulate library
// (the same code `acuroi simulate --seed 5 --resolution 8 --volumes 200` writes to disk).
//   - ACC ALFF ratio post/pre follows the planted amplitude ratio (acupuncture arm: 0.75, i.e. a
//     decrease; sham arm: 15 % of that effect), so the acupuncture arm's mean log ratio is below
//     the sham arm's and below 0;
//   - within-DMN connectivity (mean z between the four DMN parts) exceeds DMN-S1 connectivity.
#include "acuroi/measures/alff.hpp"
#include "acuroi/measures/connectivity.hpp"
#include "acuroi/simulate/anatomy.hpp"
#include "acuroi/simulate/bold.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {
namespace {

int region_index(const std::string& name) {
  const auto& regions = simulate::simulated_regions();
  for (std::size_t r = 0; r < regions.size(); ++r)
    if (regions[r].name == name) return static_cast<int>(r);
  ADD_FAILURE() << "no simulated region " << name;
  return -1;
}

// T x V voxel series of the brain voxels of one simulated region.
Eigen::MatrixXd region_voxels(const simulate::SimulatedRun& run,
                              const simulate::TemplateAnatomy& anatomy, int region) {
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < anatomy.region.size(); ++i)
    if (anatomy.region[i] == region) columns.push_back(i);
  Eigen::MatrixXd values(run.volumes, static_cast<Eigen::Index>(columns.size()));
  for (int t = 0; t < run.volumes; ++t)
    for (std::size_t c = 0; c < columns.size(); ++c)
      values(t, static_cast<Eigen::Index>(c)) = run.values[t * run.voxels + columns[c]];
  return values;
}

}  // namespace

TEST(MeasuresSimulatedEffects, AlffRatioAndDmnConnectivityFollowThePlantedEffects) {
  simulate::SimulationSettings settings;
  settings.seed = 5;
  settings.participants_per_arm = 2;
  settings.resolution_mm = 8;
  settings.volumes = 200;
  const simulate::TemplateAnatomy anatomy =
      simulate::build_template_anatomy(settings.templates_dir, 8, settings.signal);
  const std::vector<simulate::ParticipantPlan> plan = simulate::plan_study(settings);
  const int acc = region_index("ACC");
  const int s1 = region_index("S1");
  std::vector<int> dmn_parts;
  for (std::size_t r = 0; r < simulate::simulated_regions().size(); ++r)
    if (simulate::simulated_regions()[r].roi == "DMN") dmn_parts.push_back(static_cast<int>(r));
  ASSERT_EQ(dmn_parts.size(), 4u);

  double log_ratio_sum[2] = {0.0, 0.0};
  int arm_count[2] = {0, 0};
  for (const simulate::ParticipantPlan& participant : plan) {
    const simulate::ParticipantTissue tissue =
        simulate::participant_tissue(anatomy, participant, settings.signal);
    double alff[2] = {0.0, 0.0};
    for (int session = 0; session < 2; ++session) {
      const simulate::SimulatedRun run =
          simulate::simulate_run(settings, anatomy, tissue, participant, session, 0);
      alff[session] = roi_alff(region_voxels(run, anatomy, acc), settings.repetition_time_s).alff;
      // ROI series: voxel means of the DMN parts, then S1 (last column).
      Eigen::MatrixXd roi_series(run.volumes, 5);
      for (int part = 0; part < 4; ++part)
        roi_series.col(part) = region_voxels(run, anatomy, dmn_parts[part]).rowwise().mean();
      roi_series.col(4) = region_voxels(run, anatomy, s1).rowwise().mean();
      const Eigen::MatrixXd z = fisher_z(pearson_correlation(roi_series));
      const double within = within_network_connectivity(z, {0, 1, 2, 3});
      const double between = between_network_connectivity(z, {0, 1, 2, 3}, {4});
      EXPECT_GT(within, between + 0.1) << "sub-" << participant.label << " session " << session;
    }
    const double measured = std::log(alff[1] / alff[0]);
    const double planted = std::log(participant.sessions[1].rois[0].amplitude_percent /
                                    participant.sessions[0].rois[0].amplitude_percent);
    std::printf("sub-%s arm %d: ACC log ALFF ratio %.3f, planted log amplitude ratio %.3f\n",
                participant.label.c_str(), participant.arm, measured, planted);
    // ALFF also carries noise and background, which attenuate the ratio towards 1 but keep its
    // direction when the planted change is clear.
    if (std::abs(planted) > 0.15) EXPECT_EQ(measured > 0, planted > 0) << participant.label;
    log_ratio_sum[participant.arm] += measured;
    ++arm_count[participant.arm];
  }
  ASSERT_EQ(arm_count[0], 2);
  ASSERT_EQ(arm_count[1], 2);
  const double acupuncture = log_ratio_sum[0] / 2, sham = log_ratio_sum[1] / 2;
  EXPECT_LT(acupuncture, 0.0);  // planted ratio 0.75: ALFF decreases
  EXPECT_LT(acupuncture, sham);
}

}  // namespace acuroi::measures::test
