#include "ops/client_timings.hpp"

#include "core/error.hpp"

namespace sn::ops {
namespace asio = boost::asio;
using http::RequestContext;
using http::Response;

void ClientTimings::register_routes(http::Router& router) {
  // POST {"name": "video_start", "seconds": 1.42}. Anonymous on purpose: the sign-in page is
  // measured too. Tiny bodies only.
  router.post("/api/v1/client-timings", http::Access::anyone(),
              [this](RequestContext& ctx) -> asio::awaitable<Response> {
                const auto body = ctx.json_body();
                const auto* object = body.if_object();
                if (!object) throw Error(Errc::validation_failed, "Send a JSON object.");
                const auto* name = object->if_contains("name");
                const auto* seconds = object->if_contains("seconds");
                std::size_t index = kNames.size();
                if (name && name->is_string()) {
                  for (std::size_t i = 0; i < kNames.size(); ++i) {
                    if (name->as_string() == kNames[i]) index = i;
                  }
                }
                if (index == kNames.size()) {
                  throw Error(Errc::validation_failed,
                              "\"name\" must be one of page_load, video_start, api_request.");
                }
                if (!seconds || !seconds->is_number() || seconds->to_number<double>() < 0 ||
                    seconds->to_number<double>() > 600) {
                  throw Error(Errc::validation_failed,
                              "\"seconds\" must be a number from 0 to 600.");
                }
                histograms_[index].observe(seconds->to_number<double>());
                co_return Response{http::Status::no_content, 11};
              },
              {.body_limit = 1024});
}

void ClientTimings::render(std::string& out) const {
  out +=
      "# HELP skillnexus_client_timing_seconds Timings reported by browsers and apps.\n"
      "# TYPE skillnexus_client_timing_seconds histogram\n";
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    histograms_[i].render(out, "skillnexus_client_timing_seconds",
                          "name=\"" + std::string(kNames[i]) + "\"");
  }
}

}  // namespace sn::ops
