// The group HDF5 file (layout: SCHEMA.md).
#include "acuroi/core/atomic_file.hpp"
#include "acuroi/store/h5_file.hpp"
#include "group_writers.hpp"

namespace acuroi::group::detail {
namespace {

constexpr std::int64_t kSchemaVersion = 1;

void write_table(store::H5Group group, const ColumnTable& table) {
  std::string order;
  for (const std::string& name : table.names) order += (order.empty() ? "" : ",") + name;
  group.write_attribute("columns", order);  // the TSV's column order (HDF5 lists names sorted)
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    std::visit(
        [&](const auto& column) { group.write_array(table.names[c], store::vector_array(column)); },
        table.columns[c]);
}

void write_values(store::H5Group group, const StudyValues& v) {
  std::vector<std::string> rois, measures;
  for (const RoiMeasure& c : v.columns) {
    rois.push_back(c.roi);
    measures.push_back(c.measure);
  }
  group.write_array("roi", store::vector_array(rois));
  group.write_array("measure", store::vector_array(measures));
  group.write_array("participant", store::vector_array(v.participants));
  group.write_array("arm", store::vector_array(v.arms));
  group.write_array("pre", store::matrix_array(v.pre));
  group.write_array("post", store::matrix_array(v.post));
}

void write_family(store::H5Group group, const PermutationFamily& f) {
  group.write_attribute("n_permutations", static_cast<std::int64_t>(f.n_permutations));
  group.write_attribute("seed", static_cast<std::int64_t>(f.seed));
  group.write_attribute("status", f.status);
  group.write_array("tests", store::vector_array(f.tests));
  group.write_array("participants", store::vector_array(f.participants));
  group.write_array("left_out", store::vector_array(f.left_out));
  group.write_array("t_observed", store::vector_array(f.t_observed));
  group.write_array("p_uncorrected", store::vector_array(f.p_uncorrected));
  group.write_array("p_fwe", store::vector_array(f.p_fwe));
  group.write_array("max_abs_t", store::vector_array(f.max_abs_t));
}

void write_provenance(store::H5Group&& group, const GroupProvenance& p) {
  group.write_attribute("config_sha256", p.config_sha256);
  group.write_attribute("created_utc", p.created_utc);
  group.write_array("config_yaml", store::scalar_array(p.config_yaml));
  std::vector<std::string> participant, path, sha256, config_sha256, version;
  std::vector<std::int64_t> size;
  for (const ParticipantFile& f : p.participant_files) {
    participant.push_back(f.participant);
    path.push_back(f.path);
    size.push_back(f.size_bytes);
    sha256.push_back(f.sha256);
    config_sha256.push_back(f.config_sha256);
    version.push_back(f.acuroi_version);
  }
  store::H5Group files = group.create_group("participant_files");
  files.write_array("participant", store::vector_array(participant));
  files.write_array("path", store::vector_array(path));
  files.write_array("size_bytes", store::vector_array(size));
  files.write_array("sha256", store::vector_array(sha256));
  files.write_array("config_sha256", store::vector_array(config_sha256));
  files.write_array("acuroi_version", store::vector_array(version));
}

void write_root_attributes(store::H5Group& root, const StudyValues& v, const GroupResults& r,
                           const GroupProvenance& p) {
  root.write_attribute("schema_version", kSchemaVersion);
  root.write_attribute("acuroi_version", p.acuroi_version);
  root.write_attribute("study", p.study);
  root.write_attribute("active_arm", v.active_arm);
  root.write_attribute("control_arm", v.control_arm);
  root.write_attribute("pre_session", v.pre_session);
  root.write_attribute("post_session", v.post_session);
  const GroupOptions& o = r.options;
  root.write_attribute(
      "between_test",
      std::string(o.between_variance == stats::TwoSampleVariance::welch ? "welch_t" : "student_t"));
  root.write_attribute(
      "hedges_correction",
      std::string(o.hedges_correction == stats::HedgesCorrection::exact ? "exact" : "approximate"));
  root.write_attribute("p_adjust", stats::to_string(o.p_adjust));
  root.write_attribute("confidence", o.confidence);
}

}  // namespace

void write_group_h5(const std::filesystem::path& path, const StudyValues& values,
                    const GroupResults& results, const GroupProvenance& provenance) {
  store::H5File file = store::H5File::create(path);
  {
    store::H5Group root = file.root();
    write_root_attributes(root, values, results, provenance);
    write_table(root.create_group("tests"), tests_table(results));
    write_table(root.create_group("glm"), glm_table(results));
    write_table(root.create_group("study_records"), records_table(results));
    write_table(root.create_group("exclusions"), exclusions_table(values));
    write_values(root.create_group("values"), values);
    store::H5Group permutation = root.create_group("permutation");
    for (const PermutationFamily& f : results.permutations)
      write_family(permutation.create_group(f.name), f);
    root.write_array("warnings", store::vector_array(results.warnings));
    write_provenance(root.create_group("provenance"), provenance);
  }
  file.close();
}

}  // namespace acuroi::group::detail

namespace acuroi::group {

GroupOutputPaths group_output_paths(const std::filesystem::path& group_dir) {
  return {group_dir / "group_acuroi.h5", group_dir / "group_tests.tsv", group_dir / "group_glm.tsv",
          group_dir / "group_study_records.tsv", group_dir / "group_exclusions.tsv"};
}

GroupOutputPaths write_group_outputs(const std::filesystem::path& group_dir,
                                     const StudyValues& values, const GroupResults& results,
                                     const GroupProvenance& provenance) {
  std::filesystem::create_directories(group_dir);
  const GroupOutputPaths paths = group_output_paths(group_dir);
  core::AtomicFile h5(paths.h5);
  detail::write_group_h5(h5.temporary_path(), values, results, provenance);
  detail::write_table_tsv(paths.tests_tsv, detail::tests_table(results));
  detail::write_table_tsv(paths.glm_tsv, detail::glm_table(results));
  detail::write_table_tsv(paths.study_records_tsv, detail::records_table(results));
  detail::write_table_tsv(paths.exclusions_tsv, detail::exclusions_table(values));
  h5.commit();
  return paths;
}

}  // namespace acuroi::group
