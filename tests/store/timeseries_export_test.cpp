// TSV/JSON exports: BIDS-style names, numbers that read back as the same doubles, NaN as n/a
// (TSV) and null (JSON); cross-checked against the HDF5 file by Python's csv/json and h5py.
#include "acuroi/store/timeseries_export.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "acuroi/core/error.hpp"
#include "acuroi/store/participant_file.hpp"
#include "record_equality.hpp"
#include "sample_record.hpp"

namespace fs = std::filesystem;
using namespace acuroi::store;
using namespace acuroi::store::testing;

namespace {

const TimeseriesNaming kNaming{"MNI152NLin6Asym", "AAL", "36P"};

std::vector<std::vector<std::string>> split_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    std::vector<std::string> cells;
    std::size_t cell_start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', cell_start);
      cells.push_back(line.substr(cell_start, tab - cell_start));
      if (tab == std::string::npos) break;
      cell_start = tab + 1;
    }
    rows.push_back(cells);
    start = end + 1;
  }
  return rows;
}

}  // namespace

TEST(TimeseriesExport, FileNamesFollowBidsDerivatives) {
  const ParticipantRecord record = sample_record();
  EXPECT_EQ(
      timeseries_tsv_path("/out", "01", record.runs[0], kNaming),
      fs::path(
          "/out/sub-01/ses-pre/func/"
          "sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_seg-AAL_desc-36P_timeseries.tsv"));
  EXPECT_EQ(
      timeseries_tsv_path("/out", "01", record.runs[1], kNaming),  // no run entity
      fs::path("/out/sub-01/ses-pre/func/"
               "sub-01_ses-pre_task-pain_space-MNI152NLin6Asym_seg-AAL_desc-36P_timeseries.tsv"));
}

TEST(TimeseriesExport, NumbersAreShortestRoundTripText) {
  EXPECT_EQ(tsv_number(0.1), "0.1");
  EXPECT_EQ(tsv_number(-2.5), "-2.5");
  EXPECT_EQ(tsv_number(1234.0), "1234");
  EXPECT_EQ(tsv_number(-0.0), "-0");
  EXPECT_EQ(tsv_number(1e300), "1e+300");
  EXPECT_EQ(tsv_number(std::numeric_limits<double>::quiet_NaN()), "n/a");
  EXPECT_EQ(tsv_number(-std::numeric_limits<double>::infinity()), "-inf");
  for (const double v : {1.0 / 3.0, 2.0 / 3.0 * 1e-7, std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::denorm_min(), 1000.0 + 37.123456789012345})
    EXPECT_TRUE(same_bits(std::strtod(tsv_number(v).c_str(), nullptr), v)) << tsv_number(v);
}

TEST(TimeseriesExport, TsvAndJsonRoundTripAndMatchTheHdf5File) {
  const fs::path dir = fresh_directory("export");
  const ParticipantRecord record = sample_record();
  write_participant_record(record, participant_file_path(dir, record.participant_label));
  const std::vector<fs::path> written = write_timeseries_exports(record, dir, kNaming);
  ASSERT_EQ(written.size(), 2 * record.runs.size());

  for (std::size_t i = 0; i < record.runs.size(); ++i) {
    const RunRecord& run = record.runs[i];
    const fs::path tsv = timeseries_tsv_path(dir, "01", run, kNaming);
    EXPECT_EQ(written[2 * i], tsv);
    EXPECT_EQ(written[2 * i + 1], fs::path(tsv).replace_extension(".json"));
    const auto rows = split_tsv(read_bytes(tsv));
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(run.time_series.rows()) + 1);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"ACC", "insula", "PCC"}));
    for (Eigen::Index t = 0; t < run.time_series.rows(); ++t) {
      ASSERT_EQ(rows[t + 1].size(), 3u);
      for (Eigen::Index r = 0; r < 3; ++r) {
        const double want = run.time_series(t, r);
        const std::string& cell = rows[t + 1][r];
        if (std::isnan(want)) {
          EXPECT_EQ(cell, "n/a");
        } else {
          EXPECT_TRUE(same_bits(std::strtod(cell.c_str(), nullptr), want))
              << cell << " vs " << want;
        }
      }
    }
    const auto sidecar = nlohmann::json::parse(read_bytes(written[2 * i + 1]));
    EXPECT_EQ(sidecar["RepetitionTime"].get<double>(), run.tr_seconds);
    EXPECT_EQ(sidecar["SamplingFrequency"].get<double>(), 1.0 / run.tr_seconds);
    EXPECT_EQ(sidecar["ROIs"], nlohmann::json({"ACC", "insula", "PCC"}));
    EXPECT_EQ(sidecar["VoxelCount"].get<std::vector<std::int64_t>>(), run.voxel_count);
    EXPECT_EQ(sidecar["ROIStatus"].get<std::vector<std::string>>(), run.roi_status);
    EXPECT_EQ(sidecar["ConfigSHA256"], record.provenance.config_sha256);
    EXPECT_EQ(sidecar["AcuroiVersion"], record.provenance.acuroi_version);
    for (std::size_t r = 0; r < 3; ++r) {
      if (std::isnan(run.coverage[r]))
        EXPECT_TRUE(sidecar["Coverage"][r].is_null());
      else
        EXPECT_EQ(sidecar["Coverage"][r].get<double>(), run.coverage[r]);
    }
  }
  // The post run-2 coverage NaN and the post run-1 NaN column are exercised above.
  EXPECT_TRUE(std::isnan(record.runs[3].coverage[1]));

  const auto [status, output] =
      run_python("check_timeseries_export.py", participant_file_path(dir, "01").string() + " " +
                                                   dir.string() + " MNI152NLin6Asym AAL 36P");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("ok: 4 runs, 9 files"), std::string::npos) << output;
  fs::remove_all(dir);
}

TEST(TimeseriesExport, BadNamingWritesNothing) {
  const fs::path dir = fresh_directory("export_bad");
  const ParticipantRecord record = sample_record();
  try {
    write_timeseries_exports(record, dir, {"MNI152NLin6Asym", "AAL", "36P_gsr"});
    ADD_FAILURE() << "accepted desc-36P_gsr";
  } catch (const acuroi::core::InputError& e) {
    EXPECT_EQ(e.value(), "36P_gsr");
  }
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}
