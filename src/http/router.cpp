#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace sn::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return segments;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Where two patterns match one path ("/catalog/paths" and "/catalog/{slug}"), the one with a
// literal segment where the other has a parameter wins, whatever order features registered in.
bool more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    const bool a_literal = !is_param(a.segments[i]);
    if (a_literal != !is_param(b.segments[i])) return a_literal;
  }
  return false;
}

bool path_matches(const Route& route, const std::vector<std::string>& segments,
                  std::vector<std::pair<std::string, std::string>>* params) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& want = route.segments[i];
    if (is_param(want)) {
      if (params) params->emplace_back(want.substr(1, want.size() - 2), segments[i]);
    } else if (want != segments[i]) {
      if (params) params->clear();
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view path_of(std::string_view target) {
  auto end = target.find_first_of("?#");
  return target.substr(0, end);
}

Route& Router::add(Verb method, std::string pattern, Access access, Handler handler,
                   RouteOptions options) {
  auto route = std::make_unique<Route>();
  route->method = method;
  route->access = access;
  route->segments = split_path(pattern);
  auto same_shape = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (is_param(a[i]) != is_param(b[i]) || (!is_param(a[i]) && a[i] != b[i])) return false;
    }
    return true;
  };
  for (const auto& existing : routes_) {
    if (existing->method == method && same_shape(existing->segments, route->segments)) {
      throw std::logic_error("route declared twice: " + pattern);
    }
  }
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  route->options = options;
  route->id = routes_.size() + 1;
  routes_.push_back(std::move(route));
  if (fallback_) fallback_->id = routes_.size() + 1;
  return *routes_.back();
}

void Router::set_fallback(Handler handler, std::string pattern) {
  fallback_ = std::make_unique<Route>();
  fallback_->method = Verb::get;
  fallback_->pattern = std::move(pattern);
  fallback_->handler = std::move(handler);
  fallback_->id = routes_.size() + 1;
}

Match Router::match(Verb method, std::string_view target) const {
  const auto segments = split_path(path_of(target));
  const Verb lookup = method == Verb::head ? Verb::get : method;
  Match result;
  for (const auto& route : routes_) {
    if (route->method == lookup && path_matches(*route, segments, nullptr) &&
        (!result.route || more_specific(*route, *result.route))) {
      result.route = route.get();
    }
  }
  if (result.route) {
    path_matches(*result.route, segments, &result.params);
    return result;
  }
  for (const auto& route : routes_) {
    if (path_matches(*route, segments, nullptr) &&
        std::find(result.allowed.begin(), result.allowed.end(), route->method) ==
            result.allowed.end()) {
      result.allowed.push_back(route->method);
      if (route->method == Verb::get) result.allowed.push_back(Verb::head);
    }
  }
  if (result.allowed.empty() && fallback_ && lookup == Verb::get) {
    result.route = fallback_.get();
  }
  return result;
}

}  // namespace sn::http
