#pragma once
// Routes: a method plus a pattern of literal and {named} segments. Each feature declares its routes
// next to its handlers in a register_routes(Router&, …) function.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/access.hpp"
#include "http/types.hpp"

namespace sn::http {

struct RouteOptions {
  std::size_t body_limit = 64 * 1024;  // bytes; larger bodies get 413 before they are read
  // The handler reads the body itself through RequestContext::body_reader (uploads), each read
  // under the read timeout rather than the whole body.
  bool streamed_body = false;
};

struct Route {
  Verb method;
  std::string pattern;
  Access access = Access::anyone();
  Handler handler;
  RouteOptions options;
  std::size_t id = 0;  // dense index for per-route metrics; 0 is "no route"
  std::vector<std::string> segments;
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<Verb> allowed;  // set when the path exists but not for this method
};

class Router {
 public:
  // Who may call the route is part of its declaration: there is no way to add one without it.
  Route& add(Verb method, std::string pattern, Access access, Handler handler,
             RouteOptions options = {});
  Route& get(std::string pattern, Access access, Handler handler, RouteOptions options = {}) {
    return add(Verb::get, std::move(pattern), access, std::move(handler), options);
  }
  Route& post(std::string pattern, Access access, Handler handler, RouteOptions options = {}) {
    return add(Verb::post, std::move(pattern), access, std::move(handler), options);
  }

  // Answers GET/HEAD requests that no route matches (the web app's client-side routes); public.
  void set_fallback(Handler handler, std::string pattern);

  Match match(Verb method, std::string_view target) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  // Ids run from 0 (no route) through the routes to the fallback.
  std::size_t route_count() const { return routes_.size() + 2; }
  const Route* fallback() const { return fallback_.get(); }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Route> fallback_;
};

// The path of a request target without its query, percent-decoding left to handlers.
std::string_view path_of(std::string_view target);

}  // namespace sn::http
