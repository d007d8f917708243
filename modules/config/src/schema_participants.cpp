// The `participants:` section: which participants to use.
#include "config_schema.hpp"

#include <algorithm>

namespace acuroi::config::detail {

namespace {
void strip_sub(std::vector<std::string>& labels) {
  for (auto& label : labels) strip_prefix(label, "sub-");
}

void check_not_both(Config& config, const RecordSite& site) {
  const auto& p = config.participants;
  for (const auto& label : p.exclude)
    if (std::find(p.include.begin(), p.include.end(), label) != p.include.end())
      fail(site.at("participants.exclude"), label,
           "participant is listed in both participants.include and participants.exclude");
}
}  // namespace

void declare_participants_section(ConfigSection& root) {
  auto participants = root.section("participants", &Config::participants,
                                   "Which participants to use (labels without 'sub-').");
  participants
      .field("include", &ParticipantSettings::include, {},
             "participant labels to use; empty = all in the dataset")
      .normalize(strip_sub)
      .each("a BIDS label", bids_label_problem);
  participants
      .field("exclude", &ParticipantSettings::exclude, {}, "participant labels to leave out")
      .normalize(strip_sub)
      .each("a BIDS label", bids_label_problem);
  participants.check(check_not_both);
}

}  // namespace acuroi::config::detail
