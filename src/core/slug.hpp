#pragma once
// Slugs: the lower-case, dash-joined names in addresses (/courses/data-engineering-101), for
// courses, learning paths and skills alike.

#include <cstddef>
#include <string>
#include <string_view>

namespace sn {

// "Data Engineering: From Zero" → "data-engineering-from-zero": ASCII letters and digits, other
// runs become one dash, cut at a word boundary within `max`; `fallback` when nothing is left
// (a title in another script).
std::string slugify(std::string_view title, std::size_t max, std::string_view fallback);
// 1 to `max` of a-z, 0-9 and single inner dashes.
bool valid_slug(std::string_view slug, std::size_t max);

}  // namespace sn
