// Participant HDF5 files: an independent h5py reader confirms the layout of SCHEMA.md, the C++
// reader round-trips the record, and the same record gives byte-identical files.
#include "acuroi/store/participant_file.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "acuroi/core/error.hpp"
#include "acuroi/store/h5_file.hpp"
#include "expected_layout.hpp"
#include "record_equality.hpp"
#include "sample_record.hpp"

namespace fs = std::filesystem;
using namespace acuroi::store;
using namespace acuroi::store::testing;

TEST(ParticipantFile, PathFollowsTheLayout) {
  EXPECT_EQ(participant_file_path("/out", "01"), fs::path("/out/sub-01/sub-01_acuroi.h5"));
}

TEST(ParticipantFile, H5pyReadsEveryObjectAsSchemaSays) {
  const fs::path dir = fresh_directory("h5py");
  const ParticipantRecord record = sample_record();
  const fs::path file = participant_file_path(dir, record.participant_label);
  write_participant_record(record, file);
  const fs::path expected = dir / "expected.json";
  std::ofstream(expected) << expected_layout(record).dump(1);
  const std::string schema = std::string(ACUROI_SOURCE_DIR) + "/modules/store/SCHEMA.md";
  const auto [status, output] =
      run_python("check_participant_h5.py", file.string() + " " + expected.string() + " " + schema);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("ok: "), std::string::npos) << output;
  fs::remove_all(dir);
}

TEST(ParticipantFile, RoundTripsThroughTheReader) {
  const fs::path dir = fresh_directory("round_trip");
  const ParticipantRecord record = sample_record();
  const fs::path file = participant_file_path(dir, record.participant_label);
  write_participant_record(record, file);
  const ParticipantRecord read = read_participant_record(file);
  expect_same_record(read, record);
  fs::remove_all(dir);
}

TEST(ParticipantFile, RoundTripsAnEmptyRecord) {
  const fs::path dir = fresh_directory("empty");
  ParticipantRecord record;
  record.participant_label = "02";
  const fs::path file = participant_file_path(dir, "02");
  write_participant_record(record, file);
  expect_same_record(read_participant_record(file), record);
  fs::remove_all(dir);
}

TEST(ParticipantFile, SameRecordGivesByteIdenticalFiles) {
  const fs::path dir = fresh_directory("determinism");
  const ParticipantRecord record = sample_record();
  write_participant_record(record, dir / "a.h5");
  // HDF5 timestamps have a resolution of one second: wait so that tracked times would differ.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_participant_record(record, dir / "b.h5");
  const std::string a = read_bytes(dir / "a.h5"), b = read_bytes(dir / "b.h5");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "files differ (" << a.size() << " vs " << b.size() << " bytes)";
  fs::remove_all(dir);
}

TEST(ParticipantFile, ConcurrentWritesAndReadsMatchSequentialOnes) {
  const fs::path dir = fresh_directory("threads");
  std::vector<ParticipantRecord> records;
  for (int p = 0; p < 6; ++p) {
    ParticipantRecord record = sample_record();
    record.participant_label = "0" + std::to_string(p + 1);
    record.runs[0].time_series(0, 1) = p;
    records.push_back(record);
  }
  for (const auto& record : records)
    write_participant_record(record, dir / "sequential" / (record.participant_label + ".h5"));
  std::vector<std::thread> threads;
  for (const auto& record : records)
    threads.emplace_back([&dir, &record] {
      const fs::path path = dir / "parallel" / (record.participant_label + ".h5");
      write_participant_record(record, path);
      expect_same_record(read_participant_record(path), record);
    });
  for (auto& thread : threads) thread.join();
  for (const auto& record : records) {
    const std::string name = record.participant_label + ".h5";
    EXPECT_TRUE(read_bytes(dir / "sequential" / name) == read_bytes(dir / "parallel" / name))
        << name;
  }
  fs::remove_all(dir);
}

TEST(ParticipantFile, InvalidRecordsAreRejectedBeforeWriting) {
  const fs::path dir = fresh_directory("invalid");
  const fs::path file = dir / "sub-01" / "sub-01_acuroi.h5";
  const auto expect_rejected = [&](ParticipantRecord record, const std::string& field) {
    try {
      write_participant_record(record, file);
      ADD_FAILURE() << "accepted a record with a bad " << field;
    } catch (const acuroi::core::InputError& e) {
      EXPECT_EQ(e.field(), field) << e.what();
      EXPECT_EQ(e.file(), file.string());
    }
    EXPECT_FALSE(fs::exists(file.parent_path()));
  };
  ParticipantRecord record = sample_record();
  record.runs[1].coverage.pop_back();
  expect_rejected(record, "runs[1].coverage");
  record = sample_record();
  record.runs[2].time_series.conservativeResize(Eigen::NoChange, 2);
  expect_rejected(record, "runs[2].time_series");
  record = sample_record();
  record.runs[3].session = "ses-post";
  expect_rejected(record, "runs[3].session");
  record = sample_record();
  record.runs[3].run = "1";  // now the same as runs[2]
  expect_rejected(record, "runs[3]");
  record = sample_record();
  record.rois[2].name = "ACC";
  expect_rejected(record, "rois[2].name");
  record = sample_record();
  record.rois[0].kind = "atlas";
  expect_rejected(record, "rois[0].kind");
  record = sample_record();
  record.runs[0].arrays["timeseries/clean"] = vector_array(std::vector<double>{1.0});
  expect_rejected(record, "runs[0].arrays");
  record = sample_record();
  record.runs[0].attributes["tr_seconds"] = 3.0;
  expect_rejected(record, "runs[0].attributes");
  record = sample_record();
  record.runs[0].arrays["measures/bad"] = Array{{2, 2}, std::vector<double>{1, 2, 3}};
  expect_rejected(record, "runs[0].arrays[measures/bad]");
  record = sample_record();
  record.session_arrays["pre"]["runs/x"] = vector_array(std::vector<double>{1.0});
  expect_rejected(record, "session_arrays[pre]");
  fs::remove_all(dir);
}

TEST(ParticipantFile, ReaderRejectsForeignFilesAndOtherSchemaVersions) {
  const fs::path dir = fresh_directory("reader_errors");
  std::ofstream(dir / "text.h5") << "not hdf5";
  EXPECT_THROW(read_participant_record(dir / "text.h5"), acuroi::core::InputError);
  EXPECT_THROW(read_participant_record(dir / "missing.h5"), acuroi::core::InputError);
  {
    H5File file = H5File::create(dir / "v2.h5");
    file.root().write_attribute("schema_version", std::int64_t{2});
    file.close();
  }
  try {
    read_participant_record(dir / "v2.h5");
    ADD_FAILURE() << "read a schema_version 2 file";
  } catch (const acuroi::core::InputError& e) {
    EXPECT_EQ(e.value(), "2");
    EXPECT_NE(std::string(e.what()).find("schema_version"), std::string::npos) << e.what();
  }
  // A file with the right version but a missing part names the missing object.
  {
    H5File file = H5File::create(dir / "partial.h5");
    {
      H5Group root = file.root();
      root.write_attribute("schema_version", std::int64_t{1});
      root.write_attribute("acuroi_version", std::string("0.1.0"));
      root.write_attribute("participant", std::string("01"));
      root.write_attribute("arm", std::string(""));
      root.create_group("covariates");
      file.root().create_group("rois").write_array("names",
                                                   vector_array(std::vector<std::string>{"ACC"}));
      file.root().open_group("rois").write_array("kinds",
                                                 vector_array(std::vector<std::string>{"labels"}));
    }
    file.close();
  }
  try {
    read_participant_record(dir / "partial.h5");
    ADD_FAILURE() << "read a file without /rois/definitions";
  } catch (const acuroi::core::InputError& e) {
    EXPECT_EQ(e.field(), "/rois/definitions") << e.what();
  }
  fs::remove_all(dir);
}
