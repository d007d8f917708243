// Effect rows from an `acuroi group` output: group_study_records.tsv, one row per ROI × measure.
#include <cmath>

#include "acuroi/core/error.hpp"
#include "acuroi/core/hash.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/metastudy/effect_rows.hpp"
#include "effect_support.hpp"

namespace acuroi::metastudy {
namespace {

constexpr const char* kRecordsFile = "group_study_records.tsv";

std::filesystem::path find_records_file(const std::string& name, const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder))
    throw core::InputError(folder.string(), "meta.studies[" + name + "].group", folder.string(),
                           "study '" + name + "': the group output folder does not exist (run `acuroi group` "
                           "for that study first)");
  for (const auto& candidate : {folder / kRecordsFile, folder / "group" / kRecordsFile})
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  throw core::InputError(folder.string(), kRecordsFile, "",
                         "study '" + name + "': no " + std::string(kRecordsFile) +
                             " in this folder or in its group/ folder (is it an `acuroi group` output?)");
}

struct Arm {
  double n, mean_pre, sd_pre, mean_post, sd_post, mean_change, sd_change, correlation;
};

Arm read_arm(const io::Table& t, std::size_t row, const std::string& prefix) {
  auto get = [&](const char* column) { return t.number(row, prefix + column); };
  return {get("n"),         get("mean_pre"),    get("sd_pre"),    get("mean_post"),
          get("sd_post"),   get("mean_change"), get("sd_change"), get("pre_post_correlation")};
}

// The effect of one record on the configured measure, or the reason there is none.
void compute_effect(const Arm& a, const Arm& c, const EffectOptions& o, EffectRow& row) {
  const meta::Measure m = o.measure;
  if (is_between_arm(m)) {
    if (!(c.n > 0)) {
      row.status = "single-arm study: no control arm for the between-arm measure " + meta::to_string(m);
      return;
    }
    const meta::TwoArm s{a.mean_change, a.sd_change, a.n, c.mean_change, c.sd_change, c.n};
    const meta::EffectSize es = meta::escalc_two_arm(m, {s}, o.escalc).front();
    row.yi = es.yi;
    row.vi = es.vi;
    row.total_n = a.n + c.n;
  } else if (is_pre_post(m)) {
    const meta::PrePost s{a.mean_post, a.mean_pre, a.sd_pre, a.sd_post, a.n, a.correlation};
    const meta::EffectSize es = meta::escalc_prepost(m, {s}, o.escalc).front();
    row.yi = es.yi;
    row.vi = es.vi;
    row.total_n = a.n;
  } else {
    row.status = "the measure " + meta::to_string(m) +
                 " needs published effects or 2x2 tables; a group output gives MD, SMD, SMDH, ROM, MC, "
                 "SMCR or SMCC";
    return;
  }
  row.status = detail::effect_problem(row.yi, row.vi);
}

}  // namespace

StudyInput read_group_study(const std::string& name, const std::filesystem::path& folder,
                            const std::map<std::string, std::string>& moderators, const EffectOptions& options) {
  const std::filesystem::path file = find_records_file(name, folder);
  const io::Table t = io::read_table(file, io::TableFormat::tsv());
  StudyInput s;
  s.name = name;
  s.source = "group";
  s.file = detail::describe_file(file);
  s.moderators = moderators;
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    EffectRow row;
    row.study = name;
    row.label = name;
    row.roi = std::string(t.cell(r, "roi"));
    row.measure = std::string(t.cell(r, "measure"));
    row.moderators = moderators;
    const std::string status(t.cell(r, "status"));
    if (!io::is_missing_value(status)) {
      row.status = "the group analysis could not compute this record: " + status;
    } else {
      compute_effect(read_arm(t, r, "active_"), read_arm(t, r, "control_"), options, row);
    }
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace acuroi::metastudy
