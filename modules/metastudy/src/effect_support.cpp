#include "effect_support.hpp"

#include <charconv>
#include <cmath>

#include "acuroi/core/hash.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::metastudy {

bool is_between_arm(meta::Measure m) {
  return m == meta::Measure::MD || m == meta::Measure::SMD || m == meta::Measure::SMDH || m == meta::Measure::ROM;
}
bool is_pre_post(meta::Measure m) {
  return m == meta::Measure::MC || m == meta::Measure::SMCR || m == meta::Measure::SMCC;
}
bool is_two_by_two(meta::Measure m) {
  return m == meta::Measure::OR || m == meta::Measure::RR || m == meta::Measure::RD || m == meta::Measure::AS ||
         m == meta::Measure::PETO;
}

EffectOptions effect_options(const config::MetaSettings& s) {
  EffectOptions o;
  o.measure = meta::parse_measure(s.effect_measure);
  o.escalc.correction =
      s.hedges_correction == "approximate" ? meta::HedgesCorrection::approximate : meta::HedgesCorrection::exact;
  o.escalc.vtype = s.vtype == "UB"   ? meta::VarianceType::UB
                   : s.vtype == "AV" ? meta::VarianceType::AV
                   : s.vtype == "HO" ? meta::VarianceType::HO
                                     : meta::VarianceType::LS;
  o.escalc.to = s.zero_cell_correction == "all"      ? meta::ZeroCellCorrection::all
                : s.zero_cell_correction == "if0all" ? meta::ZeroCellCorrection::if0all
                : s.zero_cell_correction == "none"   ? meta::ZeroCellCorrection::none
                                                     : meta::ZeroCellCorrection::only0;
  o.escalc.add = meta::default_add(o.measure);
  return o;
}

namespace detail {

std::string effect_problem(double yi, double vi) {
  if (!std::isfinite(yi)) return "the effect size is not a finite number (yi = " + io::format_number(yi) + ")";
  if (!std::isfinite(vi) || !(vi > 0))
    return "the sampling variance is not a finite positive number (vi = " + io::format_number(vi) + ")";
  return "";
}

InputFile describe_file(const std::filesystem::path& path) {
  InputFile f;
  f.path = path.string();
  f.size_bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  f.sha256 = core::sha256_file(path);
  return f;
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace detail
}  // namespace acuroi::metastudy
