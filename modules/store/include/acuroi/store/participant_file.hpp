// One HDF5 file per participant ("the shard"): written complete under a temporary name in the
// same folder and renamed into place, so a killed process never leaves a file that looks
// complete; read back into the same ParticipantRecord. Layout: modules/store/SCHEMA.md.
//
//   const auto path = participant_file_path(output_dir, "01");   // <out>/sub-01/sub-01_acuroi.h5
//   write_participant_record(record, path);
//   ParticipantRecord again = read_participant_record(path);
#pragma once
#include <filesystem>
#include <string>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/store/participant_record.hpp"

namespace acuroi::store {

// <output_dir>/sub-<label>/sub-<label>_acuroi.h5
std::filesystem::path participant_file_path(const std::filesystem::path& output_dir,
                                            const std::string& participant_label);

// Validates `record` (validate_participant_record), writes it to a temporary file next to `path`
// and renames it over `path` (replacing an older file in one step). On any error nothing is
// left at `path` that was not there before, and the temporary is removed.
void write_participant_record(const ParticipantRecord& record, const std::filesystem::path& path);

// The same, into `out.temporary_path()`, without committing: the caller calls out.commit()
// when everything that belongs with the file (e.g. a resume marker) is ready.
void write_participant_record(const ParticipantRecord& record, core::AtomicFile& out);

// Reads a file written by write_participant_record. Throws core::InputError naming the file and
// the object for a missing or malformed part, or an unsupported schema_version.
ParticipantRecord read_participant_record(const std::filesystem::path& path);

}  // namespace acuroi::store
