#include "url.hpp"

#include <stdexcept>
#include <vector>

namespace sn::viewers {

namespace {

// RFC 3986 section 5.2.4, on a path without query: removes "." and ".." segments.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  const bool absolute = path.starts_with('/');
  if (absolute) path.remove_prefix(1);
  bool trailing_slash = false;
  while (true) {
    const auto slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else if (segment == ".") {
      trailing_slash = last;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    if (last) break;
    path.remove_prefix(slash + 1);
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i) result += '/';
    result += out[i];
  }
  if (trailing_slash && !result.ends_with('/')) result += '/';
  return result;
}

}  // namespace

std::string Url::authority() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + port;
}

Url parse_url(std::string_view text) {
  const std::string_view scheme = "http://";
  if (!text.starts_with(scheme))
    throw std::runtime_error("not an http:// URL (no TLS): '" + std::string(text) + "'");
  std::string_view rest = text.substr(scheme.size());
  rest = rest.substr(0, rest.find('#'));
  const auto path_at = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_at);
  std::string_view path = path_at == std::string_view::npos ? "/" : rest.substr(path_at);
  if (authority.find('@') != std::string_view::npos)
    throw std::runtime_error("user info in URLs is not supported: '" + std::string(text) + "'");
  Url url;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos)
      throw std::runtime_error("a malformed IPv6 host: '" + std::string(text) + "'");
    url.host = authority.substr(1, close - 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty() && !authority.starts_with(':'))
      throw std::runtime_error("a malformed host: '" + std::string(text) + "'");
    url.port = authority.empty() ? "80" : std::string(authority.substr(1));
  } else {
    const auto colon = authority.find(':');
    url.host = authority.substr(0, colon);
    url.port = colon == std::string_view::npos ? "80" : std::string(authority.substr(colon + 1));
  }
  if (url.host.empty() || url.port.empty() ||
      url.port.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("a URL without a host or with a bad port: '" + std::string(text) +
                             "'");
  url.path = path.starts_with('?') ? "/" + std::string(path) : std::string(path);
  return url;
}

Url resolve(const Url& base, std::string_view reference) {
  reference = reference.substr(0, reference.find('#'));
  if (reference.starts_with("http://")) {
    Url url = parse_url(reference);
    if (url.host != base.host || url.port != base.port)
      throw std::runtime_error("a segment on another server (" + url.authority() +
                               ") than the playlist (" + base.authority() + ")");
    return url;
  }
  if (reference.find("://") != std::string_view::npos &&
      reference.find("://") < reference.find('/'))
    throw std::runtime_error("a segment URI with an unsupported scheme: '" +
                             std::string(reference) + "'");
  if (reference.starts_with("//"))
    throw std::runtime_error("network-path segment URIs are not supported: '" +
                             std::string(reference) + "'");
  Url url = base;
  const auto query_at = reference.find('?');
  const std::string_view ref_path = reference.substr(0, query_at);
  const std::string_view ref_query =
      query_at == std::string_view::npos ? std::string_view() : reference.substr(query_at);
  const std::string_view base_path = std::string_view(base.path).substr(0, base.path.find('?'));
  if (ref_path.empty()) {
    // "" keeps the base's query; "?q" replaces it.
    url.path = query_at == std::string_view::npos ? base.path
                                                  : std::string(base_path) + std::string(ref_query);
    return url;
  }
  std::string merged;
  if (ref_path.starts_with('/')) {
    merged = ref_path;
  } else {
    merged = base_path.substr(0, base_path.rfind('/') + 1);  // base path up to its last '/'
    merged += ref_path;
  }
  url.path = remove_dot_segments(merged) + std::string(ref_query);
  return url;
}

}  // namespace sn::viewers
