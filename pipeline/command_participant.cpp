// `acuroi participant CONFIG [--participant-label L ...]`: the participant level. Writes one
// HDF5 record per participant (and TSV/JSON exports); a failing participant is reported and the
// others go on. Exit 0 when all succeeded, 4 when some failed.
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/participant/process.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct ParticipantOptions {
  std::string config_path;
  std::vector<std::string> labels;
};

int run_participant(const ParticipantOptions& options) {
  const auto config = config::load_config(options.config_path);
  const auto study = participant::load_study_inputs(config, options.labels);
  if (study.dataset.participants.empty())
    throw core::InputError(config.study.dataset.string(), "participants", "0",
                           "no participant selected (check --participant-label and participants.include)");
  const auto batch = participant::process_participants(study);
  std::cout << participant::describe_batch(batch);
  std::cout << "outputs: " << config.output.dir.string() << "\n";
  return batch.failed_count() == 0 ? 0 : static_cast<int>(core::ExitCode::partial_failure);
}

const CommandRegistration registration{"participant", 11, [](CLI::App& app) {
  auto options = std::make_shared<ParticipantOptions>();
  auto* cmd = app.add_subcommand("participant", "Extract ROI time series of each participant into HDF5 + TSV");
  cmd->add_option("CONFIG", options->config_path, "YAML config")->required()->check(CLI::ExistingFile);
  cmd->add_option("--participant-label", options->labels, "Only these participants (with or without 'sub-')");
  cmd->callback([options] { select_action([options] { return run_participant(*options); }); });
}};

}  // namespace
}  // namespace acuroi::pipeline
