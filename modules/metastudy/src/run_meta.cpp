#include "acuroi/core/timestamp.hpp"
#include "acuroi/metastudy/run.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/core/version.hpp"

namespace acuroi::metastudy {
namespace {

std::string utc_now() { return core::utc_timestamp(); }

bool has_own_study(const config::Config& c) { return c.meta.include_own_study && !c.study.dataset.empty(); }

std::string fixed(double x, int digits) {
  if (!std::isfinite(x)) return "NA";
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << x;
  return o.str();
}

std::string pool_line(const PairPool& p) {
  std::ostringstream o;
  o << p.roi << "/" << p.measure << ": k = " << p.rows.size();
  if (!p.fit) return o.str() + ", " + p.status;
  const meta::RmaFit& f = *p.fit;
  o << ", estimate " << fixed(f.beta(0), 4) << " [" << fixed(f.ci_lb(0), 4) << ", " << fixed(f.ci_ub(0), 4)
    << "], p " << fixed(f.pval(0), 4) << " (adjusted " << fixed(p.p_adjusted, 4) << "), I2 " << fixed(f.I2, 1)
    << "%, tau2 " << fixed(f.tau2, 4);
  return o.str();
}

}  // namespace

std::filesystem::path meta_output_dir(const config::Config& c) {
  return c.meta.output_dir.empty() ? c.output.dir / "meta" : c.meta.output_dir;
}

std::vector<StudyInput> read_studies(const config::Config& c) {
  const EffectOptions options = effect_options(c.meta);
  std::vector<StudyInput> studies;
  if (has_own_study(c)) {
    for (const config::MetaStudy& s : c.meta.studies)
      if (s.name == c.study.name)
        throw core::ConfigError(c.origin.file.string(), 0, 0, "meta.studies", s.name,
                                "this is the name of the config's own study (study.name), which is pooled "
                                "first; give the study another name");
    core::log_info("meta: reading the own study ", c.study.name, " from ", (c.output.dir / "group").string());
    studies.push_back(read_group_study(c.study.name, c.output.dir / "group", c.meta.own_study_moderators, options));
  }
  for (const config::MetaStudy& s : c.meta.studies) {
    core::log_info("meta: reading study ", s.name);
    studies.push_back(s.group.empty() ? read_table_study(s, options)
                                      : read_group_study(s.name, s.group, s.moderators, options));
  }
  if (studies.empty())
    throw core::InputError(c.origin.file.string(), "meta.studies", "[]",
                           "nothing to pool: the config lists no studies under meta.studies and has no own study");
  return studies;
}

MetaRunSummary run_meta(const config::Config& c) {
  const std::vector<StudyInput> studies = read_studies(c);
  const PoolingOptions options = pooling_options(c.meta);
  const std::vector<PairPool> pools = pool_pairs(studies, options);
  if (pools.empty())
    core::log_warning("meta: no ROI x measure has a usable effect in at least 2 studies; nothing pooled "
                      "(meta.pairs names pairs to pool even with one study)");
  MetaProvenance provenance;
  provenance.acuroi_version = core::version();
  provenance.config_file = c.origin.file.string();
  provenance.config_yaml = config::resolved_yaml(c);
  provenance.config_sha256 = config::config_hash(c);
  provenance.created_utc = utc_now();
  MetaRunSummary summary;
  summary.outputs = write_meta_outputs(meta_output_dir(c), studies, pools, options, provenance);
  summary.studies = studies.size();
  summary.pools = pools.size();
  for (const PairPool& p : pools) {
    summary.pools_fitted += p.fit ? 1 : 0;
    summary.rows_pooled += p.rows.size();
    summary.rows_left_out += p.left_out.size();
    summary.pool_lines.push_back(pool_line(p));
  }
  return summary;
}

std::string describe_meta_run(const MetaRunSummary& s) {
  std::ostringstream o;
  o << "acuroi meta: " << s.studies << " studies, " << s.pools << " ROI x measure pools (" << s.pools_fitted
    << " fitted), " << s.rows_pooled << " study effects pooled, " << s.rows_left_out << " left out (see "
    << (s.outputs.dir / "meta_left_out.tsv").string() << ")\n";
  for (const std::string& line : s.pool_lines) o << "  " << line << "\n";
  o << "outputs: " << s.outputs.h5.string() << ", " << s.outputs.tsv.size() << " TSV tables and "
    << s.outputs.json.size() << " JSON models in " << s.outputs.dir.string() << "\n";
  return o.str();
}

}  // namespace acuroi::metastudy
