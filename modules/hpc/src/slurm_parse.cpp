#include "acuroi/hpc/slurm_parse.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <stdexcept>

namespace acuroi::hpc {

namespace {
int to_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw std::invalid_argument("not an array index: '" + std::string(text) + "'");
  return value;
}

std::string first_word(std::string_view text) {
  const auto end = text.find_first_of(" \t");
  return std::string(text.substr(0, end));
}

std::string trim(std::string_view text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

// "Key=Value" fields of one `scontrol -o` line (values have no spaces in the fields we read).
std::string field(const std::string& line, const std::string& key) {
  const std::string needle = key + "=";
  std::size_t at = 0;
  while ((at = line.find(needle, at)) != std::string::npos) {
    if (at == 0 || line[at - 1] == ' ') {
      const auto begin = at + needle.size();
      return line.substr(begin, line.find(' ', begin) - begin);
    }
    at += needle.size();
  }
  return "";
}
}  // namespace

std::vector<int> expand_indices(std::string_view text) {
  std::string_view body = text.substr(0, text.find('%'));
  if (!body.empty() && body.front() == '[' && body.back() == ']') body = body.substr(1, body.size() - 2);
  std::vector<int> indices;
  while (!body.empty()) {
    const auto comma = body.find(',');
    const std::string_view part = body.substr(0, comma);
    const auto dash = part.find('-');
    if (dash == std::string_view::npos) {
      indices.push_back(to_int(part));
    } else {
      const int lo = to_int(part.substr(0, dash)), hi = to_int(part.substr(dash + 1));
      if (hi < lo) throw std::invalid_argument("bad range '" + std::string(part) + "'");
      for (int i = lo; i <= hi; ++i) indices.push_back(i);
    }
    body = comma == std::string_view::npos ? std::string_view() : body.substr(comma + 1);
  }
  return indices;
}

std::string compress_indices(std::vector<int> indices) {
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  std::string text;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    text += (text.empty() ? "" : ",") + std::to_string(indices[i]);
    if (j > i) text += "-" + std::to_string(indices[j]);
    i = j + 1;
  }
  return text;
}

std::vector<JobRecord> parse_scontrol_jobs(const std::string& text) {
  std::vector<JobRecord> jobs;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::string id = field(line, "JobId");
    if (id.empty()) continue;
    JobRecord base{id, field(line, "ArrayJobId"), -1, field(line, "JobState"), field(line, "ExitCode"),
                   field(line, "Reason")};
    const std::string tasks = field(line, "ArrayTaskId");
    if (tasks.empty() || base.array_job_id.empty()) {
      base.array_job_id.clear();
      jobs.push_back(base);
      continue;
    }
    for (const int task : expand_indices(tasks)) {
      JobRecord r = base;
      r.array_task = task;
      jobs.push_back(r);
    }
  }
  return jobs;
}

std::vector<JobRecord> parse_sacct(const std::string& text) {
  std::vector<JobRecord> jobs;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(trim(cell));
    if (cells.size() < 3 || cells[0].empty()) continue;
    JobRecord base{cells[0], "", -1, first_word(cells[1]), cells[2], ""};
    const auto underscore = cells[0].find('_');
    if (underscore == std::string::npos) {
      jobs.push_back(base);
      continue;
    }
    base.array_job_id = cells[0].substr(0, underscore);
    for (const int task : expand_indices(std::string_view(cells[0]).substr(underscore + 1))) {
      JobRecord r = base;
      r.array_task = task;
      jobs.push_back(r);
    }
  }
  return jobs;
}

std::optional<long> parse_max_array_size(const std::string& show_config) {
  std::istringstream lines(show_config);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("MaxArraySize", 0) != 0) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    try {
      return std::stol(trim(line.substr(eq + 1)));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<std::string> parse_parsable_job_id(const std::string& out) {
  const std::string line = trim(out.substr(0, out.find('\n')));
  const std::string id = line.substr(0, line.find(';'));
  if (id.empty() || !std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return id;
}

bool is_active_state(std::string_view state) {
  for (const char* s : {"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "REQUEUE_HOLD",
                        "REQUEUE_FED", "RESIZING", "SUSPENDED", "STAGE_OUT", "SIGNALING", "STOPPED"})
    if (state == s) return true;
  return false;
}

bool is_failed_state(std::string_view state) {
  for (const char* s : {"FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE",
                        "PREEMPTED", "REVOKED", "SPECIAL_EXIT"})
    if (state == s) return true;
  return false;
}

}  // namespace acuroi::hpc
