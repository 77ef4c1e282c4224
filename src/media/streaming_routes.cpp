// Streaming: every file of a ready video (master and media playlists, segments, poster, captions)
// under a signed, expiring prefix. The signature is the authorization, checked before anything
// else and without the database, so the route costs an open and an fstat before sendfile, and a
// CDN may cache the answers for as long as the link lives.

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/error.hpp"
#include "http/inputs.hpp"
#include "media/media_routes.hpp"
#include "media/object_response.hpp"
#include "media/playlists.hpp"

namespace sn::media {
namespace {

using namespace std::chrono_literals;
using http::beast_http::field;

// Players on the web app's origin (or any, through a CDN) fetch media with XHR: the signed URL is
// the credential, so any origin may read it, never with cookies.
const std::vector<Error::Header> kCors = {{"Access-Control-Allow-Origin", "*"}};

boost::asio::awaitable<http::Response> serve_signed_file(http::RequestContext& ctx,
                                                         MediaContext& media) {
  const auto id = ctx.param("media");
  const auto expires = ctx.param("expires");
  const auto now = SystemClock::now();
  switch (media.signer.verify(id, expires, ctx.param("signature"), now)) {
    case HmacUrlSigner::Verdict::valid:
      break;
    case HmacUrlSigner::Verdict::expired:
      throw Error(Errc::media_link_expired, "Reload the lesson for a fresh link.", kCors);
    case HmacUrlSigner::Verdict::invalid:
      throw Error(Errc::media_link_invalid, "This link was not issued by this server.", kCors);
  }
  std::string key(id);
  for (const auto& [name, value] : ctx.params) {
    if (name == "dir" || name == "file") key.append("/").append(value);
  }
  const auto type = media_file_type(key);
  if (!http::is_uuid(id) || type.empty() || !storage::valid_key(key)) {
    throw Error(Errc::not_found, "There is no such media file.", kCors);
  }
  std::shared_ptr<const storage::ObjectReader> object;
  try {
    object = co_await media.store.open(storage::Bucket::videos, key);
  } catch (const storage::ObjectNotFound&) {
    throw Error(Errc::not_found, "There is no such media file.", kCors);
  }
  // A shared cache may keep it while the link is valid, at most a day; the bytes under a key never
  // change once a video is ready.
  std::int64_t expiry = 0;
  std::from_chars(expires.data(), expires.data() + expires.size(), expiry);
  const auto left =
      expiry - std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto max_age = std::clamp<std::int64_t>(left, 0, 86400);
  auto res = object_response(ctx, *object, type,
                             "public, max-age=" + std::to_string(max_age) + ", immutable");
  res.set("Access-Control-Allow-Origin", "*");
  co_return res;
}

}  // namespace

void register_streaming_routes(http::Router& router, MediaContext& media) {
  auto handler = [&media](http::RequestContext& ctx) { return serve_signed_file(ctx, media); };
  for (const char* pattern : {"/media/v/{media}/{expires}/{signature}/{file}",
                              "/media/v/{media}/{expires}/{signature}/{dir}/{file}"}) {
    router.get(pattern, http::Access::signed_link(), handler);  // and HEAD
  }
}

}  // namespace sn::media
