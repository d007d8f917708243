#include "acuroi/store/measure_table.hpp"

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::store {

namespace {

template <class T>
const std::vector<T>& column(const std::map<std::string, Array>& arrays, const std::string& key,
                             const std::string& file, std::size_t rows) {
  const auto it = arrays.find(key);
  if (it == arrays.end()) throw core::InputError(file, key, "", "missing from the measure table");
  const auto* values = std::get_if<std::vector<T>>(&it->second.data);
  if (!values || values->size() != rows)
    throw core::InputError(file, key, element_type_name(it->second.data),
                           "expected " + std::to_string(rows) + " values of the table's type");
  return *values;
}

std::string tsv_cell(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '\t' || c == '\n') c = ' ';
  return out;
}

}  // namespace

std::map<std::string, Array> MeasureTable::arrays(const std::string& prefix) const {
  std::vector<std::string> measure, roi, status;
  std::vector<double> value;
  std::vector<std::int64_t> runs_used, volumes_kept;
  for (const auto& r : rows) {
    measure.push_back(r.measure);
    roi.push_back(r.roi);
    value.push_back(r.value);
    status.push_back(r.status);
    runs_used.push_back(r.runs_used);
    volumes_kept.push_back(r.volumes_kept);
  }
  std::map<std::string, Array> out;
  out[prefix + "measure"] = vector_array(std::move(measure));
  out[prefix + "roi"] = vector_array(std::move(roi));
  out[prefix + "value"] = vector_array(std::move(value));
  out[prefix + "status"] = vector_array(std::move(status));
  out[prefix + "runs_used"] = vector_array(std::move(runs_used));
  out[prefix + "volumes_kept"] = vector_array(std::move(volumes_kept));
  return out;
}

MeasureTable MeasureTable::from_arrays(const std::map<std::string, Array>& arrays,
                                       const std::string& prefix, const std::string& file) {
  MeasureTable table;
  const auto it = arrays.find(prefix + "measure");
  if (it == arrays.end()) return table;
  const auto* measure = std::get_if<std::vector<std::string>>(&it->second.data);
  if (!measure) throw core::InputError(file, prefix + "measure", "", "not a string array");
  const std::size_t n = measure->size();
  const auto& roi = column<std::string>(arrays, prefix + "roi", file, n);
  const auto& value = column<double>(arrays, prefix + "value", file, n);
  const auto& status = column<std::string>(arrays, prefix + "status", file, n);
  const auto& runs = column<std::int64_t>(arrays, prefix + "runs_used", file, n);
  const auto& volumes = column<std::int64_t>(arrays, prefix + "volumes_kept", file, n);
  for (std::size_t i = 0; i < n; ++i)
    table.rows.push_back({(*measure)[i], roi[i], value[i], status[i], runs[i], volumes[i]});
  return table;
}

std::string MeasureTable::tsv_text() const {
  std::string text = "measure\troi\tvalue\truns_used\tvolumes_kept\tstatus\n";
  for (const auto& r : rows)
    text += tsv_cell(r.measure) + '\t' + tsv_cell(r.roi) + '\t' + io::format_number(r.value) +
            '\t' + std::to_string(r.runs_used) + '\t' + std::to_string(r.volumes_kept) + '\t' +
            (r.status.empty() ? "n/a" : tsv_cell(r.status)) + '\n';
  return text;
}

}  // namespace acuroi::store
