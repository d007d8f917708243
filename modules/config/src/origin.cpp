#include "acuroi/config/origin.hpp"

namespace acuroi::config {

std::string Origin::describe() const {
  std::string text = file.string();
  if (line > 0) text += ":" + std::to_string(line) + ":" + std::to_string(column);
  if (!key.empty()) text += " (" + key + ")";
  return text;
}

}  // namespace acuroi::config
