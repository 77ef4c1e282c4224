#include "storage/object_store.hpp"

#include <algorithm>
#include <cstring>

namespace sn::storage {

std::string_view to_string(Bucket bucket) {
  switch (bucket) {
    case Bucket::videos:
      return "videos";
    case Bucket::assets:
      return "assets";
    case Bucket::uploads:
      return "uploads";
  }
  return "unknown";
}

ReadSome read_string(std::string bytes) {
  auto state = std::make_shared<std::pair<std::string, std::size_t>>(std::move(bytes), 0);
  return [state](boost::asio::mutable_buffer into) -> boost::asio::awaitable<std::size_t> {
    auto& [text, at] = *state;
    const auto n = std::min(into.size(), text.size() - at);
    std::memcpy(into.data(), text.data() + at, n);
    at += n;
    co_return n;
  };
}

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > 512) return false;
  bool segment_start = true;
  for (char c : key) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '/') {
      if (segment_start) return false;  // empty segment, or a leading slash
      segment_start = true;
      continue;
    }
    if (segment_start && !alnum) return false;
    if (!alnum && c != '.' && c != '_' && c != '-') return false;
    segment_start = false;
  }
  return !segment_start;  // no trailing slash
}

}  // namespace sn::storage
