// Field-by-field comparison of two ParticipantRecords for round-trip tests: doubles must be the
// same bits (so NaN equals NaN, -0 differs from +0).
#pragma once
#include <gtest/gtest.h>

#include <cstring>

#include "acuroi/store/participant_record.hpp"

namespace acuroi::store::testing {

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
inline bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

template <class T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (!same_bits(a[i], b[i])) return false;
    } else if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

inline bool same_matrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!same_bits(a.data()[i], b.data()[i])) return false;
  return true;
}

inline bool same_array(const Array& a, const Array& b) {
  if (a.shape != b.shape || a.data.index() != b.data.index()) return false;
  return std::visit(
      [&](const auto& values) {
        using Values = std::decay_t<decltype(values)>;
        return same_values(values, std::get<Values>(b.data));
      },
      a.data);
}

inline bool same_attribute(const AttributeValue& a, const AttributeValue& b) {
  if (a.index() != b.index()) return false;
  if (const auto* d = std::get_if<double>(&a)) return same_bits(*d, std::get<double>(b));
  return a == b;
}

inline void expect_same_arrays(const std::map<std::string, Array>& a,
                               const std::map<std::string, Array>& b, const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (const auto& [name, array] : a) {
    ASSERT_TRUE(b.count(name)) << where << ": missing " << name;
    EXPECT_TRUE(same_array(array, b.at(name))) << where << ": " << name << " differs";
  }
}

inline void expect_same_run(const RunRecord& a, const RunRecord& b, const std::string& where) {
  EXPECT_EQ(a.session, b.session) << where;
  EXPECT_EQ(a.task, b.task) << where;
  EXPECT_EQ(a.run, b.run) << where;
  EXPECT_TRUE(same_bits(a.tr_seconds, b.tr_seconds)) << where;
  EXPECT_EQ(a.volume_count, b.volume_count) << where;
  EXPECT_EQ(a.grid.dims, b.grid.dims) << where;
  EXPECT_TRUE(same_matrix(a.grid.affine, b.grid.affine)) << where;
  EXPECT_TRUE(same_matrix(a.time_series, b.time_series)) << where << ": time series differ";
  EXPECT_EQ(a.voxel_count, b.voxel_count) << where;
  EXPECT_TRUE(same_values(a.coverage, b.coverage)) << where;
  EXPECT_EQ(a.roi_status, b.roi_status) << where;
  EXPECT_EQ(a.bold_path, b.bold_path) << where;
  EXPECT_EQ(a.confounds_path, b.confounds_path) << where;
  EXPECT_EQ(a.mask_path, b.mask_path) << where;
  expect_same_arrays(a.arrays, b.arrays, where + ".arrays");
  ASSERT_EQ(a.attributes.size(), b.attributes.size()) << where;
  for (const auto& [name, value] : a.attributes) {
    ASSERT_TRUE(b.attributes.count(name)) << where << ": missing attribute " << name;
    EXPECT_TRUE(same_attribute(value, b.attributes.at(name))) << where << ": attribute " << name;
  }
}

inline void expect_same_record(const ParticipantRecord& a, const ParticipantRecord& b) {
  EXPECT_EQ(a.participant_label, b.participant_label);
  EXPECT_EQ(a.arm, b.arm);
  EXPECT_EQ(a.covariates, b.covariates);
  ASSERT_EQ(a.rois.size(), b.rois.size());
  for (std::size_t r = 0; r < a.rois.size(); ++r) {
    EXPECT_EQ(a.rois[r].name, b.rois[r].name);
    EXPECT_EQ(a.rois[r].kind, b.rois[r].kind);
    EXPECT_EQ(a.rois[r].definition, b.rois[r].definition);
  }
  ASSERT_EQ(a.runs.size(), b.runs.size());
  for (std::size_t i = 0; i < a.runs.size(); ++i)
    expect_same_run(a.runs[i], b.runs[i], "runs[" + std::to_string(i) + "]");
  ASSERT_EQ(a.session_arrays.size(), b.session_arrays.size());
  for (const auto& [session, arrays] : a.session_arrays) {
    ASSERT_TRUE(b.session_arrays.count(session)) << session;
    expect_same_arrays(arrays, b.session_arrays.at(session), "session_arrays[" + session + "]");
  }
  const Provenance &p = a.provenance, &q = b.provenance;
  EXPECT_EQ(p.acuroi_version, q.acuroi_version);
  EXPECT_EQ(p.config_yaml, q.config_yaml);
  EXPECT_EQ(p.config_sha256, q.config_sha256);
  EXPECT_EQ(p.atlas_path, q.atlas_path);
  EXPECT_EQ(p.atlas_sha256, q.atlas_sha256);
  EXPECT_EQ(p.roi_definitions_sha256, q.roi_definitions_sha256);
  EXPECT_EQ(p.created_utc, q.created_utc);
  ASSERT_EQ(p.inputs.size(), q.inputs.size());
  for (std::size_t i = 0; i < p.inputs.size(); ++i) {
    EXPECT_EQ(p.inputs[i].role, q.inputs[i].role);
    EXPECT_EQ(p.inputs[i].path, q.inputs[i].path);
    EXPECT_EQ(p.inputs[i].size_bytes, q.inputs[i].size_bytes);
    EXPECT_EQ(p.inputs[i].sha256, q.inputs[i].sha256);
  }
}

}  // namespace acuroi::store::testing
