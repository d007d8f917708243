// `acuroi report CONFIG`: the self-contained HTML report (inline SVG + CSS, no network) of what
// exists under output.dir, written to <output.dir>/report/acuroi_report.html with every figure
// as <output.dir>/report/figures/*.svg. Exit 0 ok, 2 config error, 3 input error.
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/report/report.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

int run_report_command(const std::string& config_path) {
  const auto config = config::load_config(config_path);
  const auto path = report::write_report(config);
  std::cout << "report: " << path.string() << '\n';
  return 0;
}

const CommandRegistration registration{
    "report", 40, [](CLI::App& app) {
      auto config_path = std::make_shared<std::string>();
      auto* cmd = app.add_subcommand(
          "report", "Self-contained HTML report with SVG figures (run summary, ROI overlays, QC, "
                    "group results, meta-analysis)");
      cmd->add_option("CONFIG", *config_path, "YAML config")->required()->check(CLI::ExistingFile);
      cmd->callback([config_path] {
        select_action([config_path] { return run_report_command(*config_path); });
      });
    }};

}  // namespace
}  // namespace acuroi::pipeline
