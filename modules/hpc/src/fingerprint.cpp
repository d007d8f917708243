#include "acuroi/hpc/fingerprint.hpp"

#include <sys/stat.h>

#include <sstream>

#include "acuroi/core/hash.hpp"
#include "acuroi/core/version.hpp"

namespace acuroi::hpc {

const std::vector<std::string>& participant_config_sections() {
  static const std::vector<std::string> sections = {"study",      "participants", "rois",
                                                    "extraction", "denoise",      "measures"};
  return sections;
}

InputStat stat_input(const std::string& role, const std::filesystem::path& path) {
  InputStat s{role, path, -1, -1};
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    s.size = static_cast<std::int64_t>(info.st_size);
    s.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  }
  return s;
}

namespace {
void add_anat(std::vector<InputStat>& inputs, const std::string& prefix, const io::AnatFiles& anat) {
  if (anat.gm_probseg) inputs.push_back(stat_input(prefix + "gm_probseg", *anat.gm_probseg));
  if (anat.brain_mask) inputs.push_back(stat_input(prefix + "anat_brain_mask", *anat.brain_mask));
}

// What the participant level reads of the config; settings that do not change a participant's
// outputs (threads, which participants are selected) are put back to their defaults.
config::Config normalised_config(const config::Config& config) {
  config::Config c = config;
  const config::Config defaults = config::default_config();
  c.extraction.threads = defaults.extraction.threads;
  c.participants = defaults.participants;
  return c;
}

std::string describe_stat(const InputStat& s) {
  if (s.size < 0) return "missing";
  return std::to_string(s.size) + " bytes, mtime " + std::to_string(s.mtime_ns) + " ns";
}
}  // namespace

Fingerprint participant_fingerprint(const participant::StudyInputs& study, const io::Participant& person) {
  Fingerprint f;
  const config::Config normalised = normalised_config(study.config);
  for (const auto& section : participant_config_sections())
    f.section_sha256[section] = config::config_hash(normalised, {section});
  f.regions_sha256 = study.regions.provenance_hash();
  f.participant_row = person.covariates;
  f.participant_row["arm"] = person.arm;
  f.acuroi_version = core::version();
  const auto& sessions = study.config.study.sessions;
  for (const auto& label : {sessions.pre, sessions.post}) {
    const io::Session* session = person.session(label);
    if (!session) continue;
    const std::string prefix = "ses-" + label + " ";
    for (const auto& run : session->runs) {
      const std::string r = prefix + (run.run.empty() ? "" : "run-" + run.run + " ");
      f.inputs.push_back(stat_input(r + "bold", run.bold));
      f.inputs.push_back(stat_input(r + "brain_mask", run.brain_mask));
      f.inputs.push_back(stat_input(r + "confounds", run.confounds));
      if (run.events) f.inputs.push_back(stat_input(r + "events", *run.events));
      if (run.sidecar_json) f.inputs.push_back(stat_input(r + "sidecar", *run.sidecar_json));
    }
    add_anat(f.inputs, prefix, session->anat);
  }
  add_anat(f.inputs, "", person.anat);
  return f;
}

std::string Fingerprint::digest() const {
  std::ostringstream text;
  for (const auto& [section, hash] : section_sha256) text << "section\t" << section << '\t' << hash << '\n';
  text << "regions\t" << regions_sha256 << '\n';
  for (const auto& [key, value] : participant_row) text << "row\t" << key << '\t' << value << '\n';
  text << "version\t" << acuroi_version << '\n';
  for (const auto& s : inputs)
    text << "input\t" << s.role << '\t' << s.path.string() << '\t' << s.size << '\t' << s.mtime_ns << '\n';
  return core::sha256_hex(text.str());
}

std::vector<std::string> fingerprint_differences(const Fingerprint& recorded, const Fingerprint& current) {
  std::vector<std::string> why;
  for (const auto& [section, hash] : current.section_sha256) {
    const auto it = recorded.section_sha256.find(section);
    if (it == recorded.section_sha256.end() || it->second != hash) why.push_back("config section " + section + " changed");
  }
  if (recorded.regions_sha256 != current.regions_sha256) why.push_back("ROI definitions or atlas/mask files changed");
  if (recorded.participant_row != current.participant_row) why.push_back("participants.tsv row changed");
  if (recorded.acuroi_version != current.acuroi_version)
    why.push_back("acuroi version changed (" + recorded.acuroi_version + " -> " + current.acuroi_version + ")");
  for (const auto& now : current.inputs) {
    const InputStat* before = nullptr;
    for (const auto& r : recorded.inputs)
      if (r.path == now.path) before = &r;
    if (!before)
      why.push_back("new input: " + now.path.string());
    else if (!(before->size == now.size && before->mtime_ns == now.mtime_ns))
      why.push_back("input changed: " + now.path.string() + " (was " + describe_stat(*before) + ", now " +
                    describe_stat(now) + ")");
  }
  for (const auto& r : recorded.inputs) {
    bool kept = false;
    for (const auto& now : current.inputs) kept = kept || now.path == r.path;
    if (!kept) why.push_back("input gone: " + r.path.string());
  }
  return why;
}

}  // namespace acuroi::hpc
