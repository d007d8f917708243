#include "dataset_writer.hpp"

#include <algorithm>
#include <cmath>

#include "acuroi/core/version.hpp"
#include "acuroi/io/bids_name.hpp"
#include "acuroi/io/json.hpp"
#include "acuroi/io/nifti.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::simulate {

namespace fs = std::filesystem;

fs::path participant_file(const SimulationSettings& s, const ParticipantPlan& p, int session,
                          int run, const std::string& datatype, const std::string& label,
                          const std::string& desc, const std::string& suffix,
                          const std::string& extension, bool with_space) {
  io::BidsName name;
  name.sub = p.label;
  if (session >= 0) {
    name.ses = s.sessions[session];
    name.task = s.task;
    if (s.runs > 1) name.run = std::to_string(run + 1);
  }
  if (with_space) {
    name.space = s.space;
    name.res = std::to_string(s.resolution_mm);
  }
  name.label = label;
  name.desc = desc;
  name.suffix = suffix;
  name.extension = extension;
  fs::path dir = fs::path("sub-" + p.label);
  if (session >= 0) dir /= "ses-" + s.sessions[session];
  return dir / datatype / io::format_bids_name(name);
}

void write_dataset_description(const SimulationSettings& s) {
  nlohmann::ordered_json description = {
      {"Name", "acuroi simulated pre/post acupuncture study"},
      {"BIDSVersion", "1.8.0"},
      {"DatasetType", "derivative"},
      {"GeneratedBy",
       {{{"Name", "acuroi simulate"},
         {"Version", core::version()},
         {"Description", "Synthetic fMRIPrep-style derivatives with planted ROI effects, seed " +
                             std::to_string(s.seed) +
                             "; the truth is in acuroi_ground_truth.json"}}}},
      {"acuroi_simulate_seed", s.seed}};
  io::write_json_atomically(s.output_dir / "dataset_description.json", description);
}

void write_participants_tsv(const SimulationSettings& s, const std::vector<ParticipantPlan>& plan) {
  std::vector<std::vector<io::TableCell>> rows;
  for (const ParticipantPlan& p : plan) {
    rows.push_back({"sub-" + p.label, s.arms[p.arm], p.age, p.sex});
  }
  io::write_tsv(s.output_dir / "participants.tsv", {"participant_id", "arm", "age", "sex"}, rows);
}

namespace {

// A full-grid volume with `values` (one per brain voxel) at the brain voxels and 0 elsewhere.
core::Volume<float> scatter(const TemplateAnatomy& a, const float* values) {
  core::Volume<float> v{a.grid, std::vector<float>(a.grid.voxel_count(), 0.0f)};
  for (std::size_t i = 0; i < a.mask_voxels.size(); ++i) v.data[a.mask_voxels[i]] = values[i];
  return v;
}

void write_brain_mask(const fs::path& path, const TemplateAnatomy& a) {
  const std::vector<float> ones(a.mask_voxels.size(), 1.0f);
  io::NiftiWriteOptions options;
  options.datatype = io::NiftiDatatype::uint8;
  io::write_nifti_volume(path, scatter(a, ones.data()), options);
}

// BIDS events: onset and duration in seconds, trial_type the condition name.
void write_events(const fs::path& path, const std::vector<TaskBlock>& blocks) {
  std::vector<std::vector<io::TableCell>> rows;
  for (const TaskBlock& b : blocks) {
    rows.push_back({b.onset_s, b.duration_s, task_conditions[b.condition]});
  }
  io::write_tsv(path, {"onset", "duration", "trial_type"}, rows);
}

}  // namespace

std::vector<fs::path> write_anatomy(const SimulationSettings& s, const TemplateAnatomy& a,
                                    const ParticipantPlan& p, const ParticipantTissue& tissue) {
  std::vector<fs::path> written;
  const std::pair<const char*, const std::vector<float>*> maps[] = {
      {"GM", &tissue.gm}, {"WM", &tissue.wm}, {"CSF", &tissue.csf}};
  fs::create_directories(
      s.output_dir / participant_file(s, p, -1, 0, "anat", "", "", "x", "", true).parent_path());
  for (const auto& [label, values] : maps) {
    const fs::path rel =
        participant_file(s, p, -1, 0, "anat", label, "", "probseg", ".nii.gz", true);
    io::write_nifti_volume(s.output_dir / rel, scatter(a, values->data()));
    written.push_back(rel);
  }
  const fs::path mask = participant_file(s, p, -1, 0, "anat", "", "brain", "mask", ".nii.gz", true);
  write_brain_mask(s.output_dir / mask, a);
  written.push_back(mask);
  return written;
}

RunRecord write_run(const SimulationSettings& s, const TemplateAnatomy& a, const ParticipantPlan& p,
                    int session, int run, const SimulatedRun& data, const ConfoundTable& confounds,
                    std::vector<fs::path>& written) {
  const fs::path bold =
      participant_file(s, p, session, run, "func", "", "preproc", "bold", ".nii.gz", true);
  fs::create_directories(s.output_dir / bold.parent_path());
  io::NiftiWriteOptions options;
  if (s.bold_storage == BoldStorage::int16_scaled) {
    options.datatype = io::NiftiDatatype::int16;
    options.scl_slope = s.bold_step;
  }
  options.repetition_time_seconds = s.repetition_time_s;
  io::NiftiWriter writer(s.output_dir / bold, a.grid, data.volumes, options);
  for (int t = 0; t < data.volumes; ++t) {
    const core::Volume<float> volume =
        scatter(a, data.values.data() + static_cast<std::size_t>(t) * data.voxels);
    writer.write_next(volume.data);
  }
  writer.close();
  written.push_back(bold);

  const fs::path sidecar =
      participant_file(s, p, session, run, "func", "", "preproc", "bold", ".json", true);
  io::write_json_atomically(
      s.output_dir / sidecar,
      nlohmann::ordered_json{
          {"RepetitionTime", s.repetition_time_s}, {"TaskName", s.task}, {"SkullStripped", false}});
  written.push_back(sidecar);
  const fs::path mask =
      participant_file(s, p, session, run, "func", "", "brain", "mask", ".nii.gz", true);
  write_brain_mask(s.output_dir / mask, a);
  written.push_back(mask);

  const fs::path table =
      participant_file(s, p, session, run, "func", "", "confounds", "timeseries", ".tsv", false);
  std::vector<std::vector<io::TableCell>> rows(data.volumes);
  for (int t = 0; t < data.volumes; ++t) {
    for (const auto& column : confounds.values) rows[t].emplace_back(column[t]);
  }
  io::write_tsv(s.output_dir / table, confounds.columns, rows);
  written.push_back(table);

  RunRecord record{p.index,
                   session,
                   run,
                   bold.generic_string(),
                   table.generic_string(),
                   data.motion.spike_volumes,
                   0.0,
                   data.roi_fluctuation_sd_percent,
                   data.dmn_part_correlation,
                   {}};
  if (s.task_design != TaskDesign::none) {
    const fs::path events =
        participant_file(s, p, session, run, "func", "", "", "events", ".tsv", false);
    write_events(s.output_dir / events, data.task_blocks);
    written.push_back(events);
    record.events_file = events.generic_string();
  }
  for (double fd : confounds.column("framewise_displacement")) {
    if (std::isfinite(fd))
      record.max_framewise_displacement = std::max(record.max_framewise_displacement, fd);
  }
  return record;
}

}  // namespace acuroi::simulate
