#include "core/slug.hpp"

#include "core/text.hpp"

namespace sn {

std::string slugify(std::string_view title, std::size_t max, std::string_view fallback) {
  std::string slug;
  bool dash = false;
  for (const char c : ascii_lower(title)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word) {
      dash = !slug.empty();
      continue;
    }
    if (slug.size() + (dash ? 2 : 1) > max) break;
    if (dash) slug += '-';
    slug += c;
    dash = false;
  }
  return slug.empty() ? std::string(fallback) : slug;
}

bool valid_slug(std::string_view slug, std::size_t max) {
  if (slug.empty() || slug.size() > max || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (const char c : slug) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

}  // namespace sn
