#include "acuroi/hpc/shards.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "acuroi/core/error.hpp"

namespace acuroi::hpc {

namespace {
bool parse_int(std::string_view text, int& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}
}  // namespace

ShardSpec parse_shard(const std::string& text, const std::string& option) {
  const auto slash = text.find('/');
  ShardSpec s;
  if (slash == std::string::npos || !parse_int(std::string_view(text).substr(0, slash), s.index) ||
      !parse_int(std::string_view(text).substr(slash + 1), s.count))
    throw core::ConfigError("<command line>", 0, 0, option, text, "expected i/N, e.g. 2/4 (the second of four shards)");
  if (s.count < 1 || s.index < 1 || s.index > s.count)
    throw core::ConfigError("<command line>", 0, 0, option, text, "needs 1 <= i <= N");
  return s;
}

std::vector<std::vector<std::string>> assign_shards(const WorkManifest& manifest, int count) {
  if (count < 1) throw core::ConfigError("<command line>", 0, 0, "shards", std::to_string(count), "must be >= 1");
  const auto& people = manifest.participants;
  std::vector<std::size_t> order(people.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (people[a].seconds != people[b].seconds) return people[a].seconds > people[b].seconds;
    return people[a].label < people[b].label;
  });
  std::vector<double> load(static_cast<std::size_t>(count), 0.0);
  std::vector<int> shard_of(people.size(), 0);
  for (const std::size_t i : order) {
    // Each participant costs at least a little, so zero-cost ones still spread out.
    const auto lightest = std::min_element(load.begin(), load.end()) - load.begin();
    load[static_cast<std::size_t>(lightest)] += std::max(people[i].seconds, 1e-3);
    shard_of[i] = static_cast<int>(lightest);
  }
  std::vector<std::vector<std::string>> shards(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < people.size(); ++i)
    shards[static_cast<std::size_t>(shard_of[i])].push_back(people[i].label);
  return shards;
}

}  // namespace acuroi::hpc
