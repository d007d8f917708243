// The `hpc:` section: batch runs (acuroi run) and SLURM job arrays (acuroi submit), and the
// cluster profile file whose keys fill the ones the config does not write.
#include <functional>
#include <utility>

#include "acuroi/config/hpc_settings.hpp"
#include "config_schema.hpp"
#include "yaml_document.hpp"

namespace acuroi::config::detail {

namespace {

std::function<std::string(const int&)> int_range(int lo, int hi) {
  return [lo, hi](const int& v) {
    return v >= lo && v <= hi ? std::string()
                              : "out of range, must be in [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "]";
  };
}

std::string sbatch_option_problem(const std::string& option) {
  if (option.rfind("--", 0) != 0 && option.rfind("-", 0) != 0)
    return "an sbatch option starting with '-' (e.g. --constraint=avx2), without '#SBATCH'";
  if (option.find('\n') != std::string::npos) return "must be one line";
  return "";
}

std::string word_problem(const std::string& word) {
  if (word.empty()) return "must not be empty";
  for (char c : word)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\'' || c == '"' || c == ';' || c == '`' || c == '$')
      return "one word without spaces, quotes, ';', '`' or '$'";
  return "";
}

std::string optional_word_problem(const std::string& word) {
  return word.empty() ? std::string() : word_problem(word);
}

// Every key of the section except `profile`, declared for a Config (the section) and for a bare
// HpcSettings (the profile file), so both read the same keys with the same checks.
template <class Record>
void declare_hpc_keys(Section<Record, HpcSettings>& h) {
  h.field("memory_budget_gb", &HpcSettings::memory_budget_gb, 0.0,
          "acuroi run: participants run at once only while their estimated memory fits; 0 = 80% "
          "of the machine's memory")
      .range(0, 1e6);
  h.field("shards", &HpcSettings::shards, 0,
          "acuroi submit: array tasks (sets of whole participants balanced by estimated cost); "
          "0 = one per participant; capped by the cluster's MaxArraySize")
      .check("in [0, 1000000]", int_range(0, 1000000));
  h.field("max_array_throttle", &HpcSettings::max_array_throttle, 50,
          "at most this many array tasks run at once (--array=...%N); 0 = no limit")
      .check("in [0, 1000000]", int_range(0, 1000000));
  h.field("cpus_per_task", &HpcSettings::cpus_per_task, 1,
          "CPUs of one array task (its participants run on that many threads)")
      .check("in [1, 1024]", int_range(1, 1024));
  h.field("partition", &HpcSettings::partition, "", "SLURM partition; empty = the default")
      .check("", optional_word_problem);
  h.field("account", &HpcSettings::account, "", "SLURM account; empty = the default")
      .check("", optional_word_problem);
  h.field("qos", &HpcSettings::qos, "", "SLURM quality of service; empty = the default")
      .check("", optional_word_problem);
  h.field("modules", &HpcSettings::modules, {}, "environment modules to `module load`, in order")
      .each("one word", word_problem);
  h.field("extra_sbatch", &HpcSettings::extra_sbatch, {},
          "extra sbatch options, one per #SBATCH line (e.g. --constraint=avx2)")
      .each("an sbatch option", sbatch_option_problem);
  h.field("task_memory_gb", &HpcSettings::task_memory_gb, 0.0,
          "memory of one array task; 0 = derived from the data sizes")
      .range(0, 1e5);
  h.field("task_time_minutes", &HpcSettings::task_time_minutes, 0,
          "time limit of one array task; 0 = derived from the data sizes")
      .check("in [0, 1000000]", int_range(0, 1000000));
  h.field("group_memory_gb", &HpcSettings::group_memory_gb, 0.0,
          "memory of the group/meta job; 0 = derived from the participant count")
      .range(0, 1e5);
  h.field("group_time_minutes", &HpcSettings::group_time_minutes, 0,
          "time limit of the group/meta job; 0 = derived")
      .check("in [0, 1000000]", int_range(0, 1000000));
}

const RecordSchema& profile_schema() {
  static const RecordSchema schema = [] {
    RecordSchema s;
    Section<HpcSettings, HpcSettings> root(s, "",
                                           [](HpcSettings& h) -> HpcSettings& { return h; });
    declare_hpc_keys(root);
    return s;
  }();
  return schema;
}

// Copies `member` from the profile unless the config writes "hpc.<key>".
struct KeyCopy {
  std::string key;
  std::function<void(HpcSettings&, const HpcSettings&)> copy;
};

template <class T>
KeyCopy key_copy(std::string key, T HpcSettings::*member) {
  return {std::move(key), [member](HpcSettings& to, const HpcSettings& from) { to.*member = from.*member; }};
}

const std::vector<KeyCopy>& profile_keys() {
  static const std::vector<KeyCopy> keys = {
      key_copy("memory_budget_gb", &HpcSettings::memory_budget_gb),
      key_copy("shards", &HpcSettings::shards),
      key_copy("max_array_throttle", &HpcSettings::max_array_throttle),
      key_copy("cpus_per_task", &HpcSettings::cpus_per_task),
      key_copy("partition", &HpcSettings::partition),
      key_copy("account", &HpcSettings::account),
      key_copy("qos", &HpcSettings::qos),
      key_copy("modules", &HpcSettings::modules),
      key_copy("extra_sbatch", &HpcSettings::extra_sbatch),
      key_copy("task_memory_gb", &HpcSettings::task_memory_gb),
      key_copy("task_time_minutes", &HpcSettings::task_time_minutes),
      key_copy("group_memory_gb", &HpcSettings::group_memory_gb),
      key_copy("group_time_minutes", &HpcSettings::group_time_minutes)};
  return keys;
}

void apply_profile(Config& config, const RecordSite& site) {
  HpcSettings& hpc = config.hpc;
  if (hpc.profile.empty()) return;
  std::string why;
  const auto text = read_text_file(hpc.profile, why);
  if (!text) fail(site.at("hpc.profile"), hpc.profile.string(), "cannot read the profile file: " + why);
  const ParseContext context{hpc.profile.string(), hpc.profile.parent_path()};
  const YAML::Node document = parse_yaml(*text, context.file);
  HpcSettings profile;
  parse_record(profile_schema(), &profile, document, context, "", document.Mark());
  for (const auto& k : profile_keys())
    if (!site.has("hpc." + k.key)) k.copy(hpc, profile);
}

}  // namespace

void declare_hpc_section(ConfigSection& root) {
  auto h = root.section("hpc", &Config::hpc,
                        "Batch runs on one machine (acuroi run) and SLURM job arrays (acuroi "
                        "submit); threads are extraction.threads.");
  h.field("profile", &HpcSettings::profile, "",
          "cluster profile: a YAML file with keys of this section; keys written here win");
  declare_hpc_keys(h);
  root.check(apply_profile);
}

}  // namespace acuroi::config::detail
