#include "acuroi/core/version.hpp"

namespace acuroi::core {
std::string version() { return ACUROI_VERSION_STRING; }
}  // namespace acuroi::core
