// Running an external program (sbatch, scontrol, sacct, squeue) and capturing what it prints.
// No shell is involved: arguments are passed as they are.
//
//   CommandResult r = run_command({"sbatch", "--parsable", "job.sh"});
//   if (r.exit_code == 0) job_id = first_line(r.out);
#pragma once
#include <string>
#include <vector>

namespace acuroi::hpc {

struct CommandResult {
  int exit_code = -1;  // 127 when the program cannot be started, 128+N when killed by signal N
  std::string out, err;
};

CommandResult run_command(const std::vector<std::string>& argv);

// "sbatch --parsable job.sh" (for messages).
std::string command_text(const std::vector<std::string>& argv);

}  // namespace acuroi::hpc
