// Writing the files of one simulated participant (private to the simulate module).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/simulate/anatomy.hpp"
#include "acuroi/simulate/bold.hpp"
#include "acuroi/simulate/confounds.hpp"
#include "acuroi/simulate/ground_truth.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

// Relative path of a participant file: sub-<p>[/ses-<s>]/<datatype>/<BIDS name>.
std::filesystem::path participant_file(const SimulationSettings& s, const ParticipantPlan& p,
                                       int session, int run, const std::string& datatype,
                                       const std::string& label, const std::string& desc,
                                       const std::string& suffix, const std::string& extension,
                                       bool with_space);

void write_dataset_description(const SimulationSettings& s);
void write_participants_tsv(const SimulationSettings& s, const std::vector<ParticipantPlan>& plan);

// Writes anat probsegs and brain mask; returns the relative paths written.
std::vector<std::filesystem::path> write_anatomy(const SimulationSettings& s,
                                                 const TemplateAnatomy& anatomy,
                                                 const ParticipantPlan& p,
                                                 const ParticipantTissue& tissue);

// Writes BOLD, its sidecar, the func brain mask, the confounds and (task runs) the events.
RunRecord write_run(const SimulationSettings& s, const TemplateAnatomy& anatomy,
                    const ParticipantPlan& p, int session, int run, const SimulatedRun& data,
                    const ConfoundTable& confounds, std::vector<std::filesystem::path>& written);

}  // namespace acuroi::simulate
