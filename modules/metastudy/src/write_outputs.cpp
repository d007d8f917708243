// Writes the meta HDF5 file, the TSV tables and the JSON models (layout: SCHEMA.md).
#include <set>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/metastudy/outputs.hpp"
#include "acuroi/store/h5_file.hpp"
#include "result_tables.hpp"

namespace acuroi::metastudy {
namespace {

constexpr std::int64_t kSchemaVersion = 1;

void write_provenance(store::H5Group group, const std::vector<StudyInput>& studies, const MetaProvenance& p) {
  group.write_attribute("config_sha256", p.config_sha256);
  group.write_attribute("config_file", p.config_file);
  group.write_attribute("created_utc", p.created_utc);
  group.write_array("config_yaml", store::scalar_array(p.config_yaml));
  std::vector<std::string> study, source, path, sha256;
  std::vector<std::int64_t> size;
  for (const StudyInput& s : studies) {
    study.push_back(s.name);
    source.push_back(s.source);
    path.push_back(s.file.path);
    sha256.push_back(s.file.sha256);
    size.push_back(s.file.size_bytes);
  }
  store::H5Group files = group.create_group("input_files");
  files.write_array("study", store::vector_array(study));
  files.write_array("source", store::vector_array(source));
  files.write_array("path", store::vector_array(path));
  files.write_array("size_bytes", store::vector_array(size));
  files.write_array("sha256", store::vector_array(sha256));
}

void write_h5(const std::filesystem::path& path, const std::vector<detail::ColumnTable>& tables,
              const std::vector<StudyInput>& studies, const PoolingOptions& o, const MetaProvenance& p) {
  core::AtomicFile out(path);
  store::H5File file = store::H5File::create(out.temporary_path());
  {
    store::H5Group root = file.root();
    root.write_attribute("schema_version", kSchemaVersion);
    root.write_attribute("acuroi_version", p.acuroi_version);
    root.write_attribute("effect_measure", meta::to_string(o.measure));
    root.write_attribute("method", meta::to_string(o.rma.method));
    root.write_attribute("test", meta::to_string(o.rma.test));
    root.write_attribute("level", o.rma.level);
    root.write_attribute("prediction_df", meta::to_string(o.pi_convention));
    root.write_attribute("p_adjust", o.p_adjust);
    root.write_attribute("subgroup", o.subgroup);
    std::string moderators;
    for (const std::string& m : o.moderators) moderators += (moderators.empty() ? "" : ",") + m;
    root.write_attribute("moderators", moderators);
    for (const detail::ColumnTable& t : tables) t.write_h5(root);
    write_provenance(root.create_group("provenance"), studies, p);
  }
  file.close();
  out.commit();
}

// Removes JSON models of an earlier run that this run did not write.
void remove_stale_models(const std::filesystem::path& models, const std::set<std::string>& written) {
  for (const auto& entry : std::filesystem::directory_iterator(models))
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        !written.count(entry.path().filename().string()))
      std::filesystem::remove(entry.path());
}

}  // namespace

MetaOutputPaths write_meta_outputs(const std::filesystem::path& dir, const std::vector<StudyInput>& studies,
                                   const std::vector<PairPool>& pools, const PoolingOptions& options,
                                   const MetaProvenance& provenance) {
  MetaOutputPaths paths;
  paths.dir = dir;
  const std::filesystem::path models = dir / "models";
  std::filesystem::create_directories(models);
  const std::vector<detail::ColumnTable> tables = detail::result_tables(studies, pools, options);
  for (const detail::ColumnTable& t : tables) {
    paths.tsv.push_back(dir / ("meta_" + t.name() + ".tsv"));
    t.write_tsv(paths.tsv.back());
  }
  std::set<std::string> written;
  for (const PairPool& p : pools) {
    const std::string name = pool_json_name(p.roi, p.measure);
    written.insert(name);
    paths.json.push_back(models / name);
    core::write_text_atomically(paths.json.back(), pool_json(p, options));
  }
  remove_stale_models(models, written);
  paths.h5 = dir / "meta_acuroi.h5";
  write_h5(paths.h5, tables, studies, options, provenance);
  return paths;
}

}  // namespace acuroi::metastudy
