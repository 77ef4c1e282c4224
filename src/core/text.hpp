#pragma once

#include <string>
#include <string_view>

namespace sn {

// Lower-cases ASCII letters only: for keys compared case-insensitively (emails, passwords in
// the common list), where locale-dependent case folding would be wrong.
inline std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace sn
