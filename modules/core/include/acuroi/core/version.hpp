// The acuroi version string, recorded in every output's provenance.
#pragma once
#include <string>

namespace acuroi::core {
std::string version();
}
