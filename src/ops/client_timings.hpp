#pragma once
// Real-user monitoring: browsers and the mobile app report how long pages took to load and videos
// took to start playing, so the targets in the brief (video start under 2 s) are measured where
// users are, not only on the server. Exposed as Prometheus histograms.

#include <array>
#include <string>
#include <string_view>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace sn::ops {

class ClientTimings {
 public:
  static constexpr std::array<std::string_view, 3> kNames{"page_load", "video_start",
                                                          "api_request"};
  void register_routes(http::Router& router);
  void render(std::string& out) const;

 private:
  std::array<http::Histogram, kNames.size()> histograms_;
};

}  // namespace sn::ops
