#include "media/playback.hpp"

#include "media/playlists.hpp"

namespace sn::media {

boost::json::object playback_urls(const MediaUrlSigner& signer, std::string_view media_id,
                                  const boost::json::object& hls,
                                  const boost::json::array& captions, std::chrono::seconds ttl) {
  const auto prefix = signer.signed_prefix(media_id, shared_expiry(SystemClock::now(), ttl));
  boost::json::array tracks;
  for (const auto& caption : captions) {
    const auto& c = caption.as_object();
    const auto language = std::string_view(c.at("language").as_string());
    tracks.push_back({{"language", language},
                      {"label", c.at("label")},
                      {"url", prefix + "captions/" + caption_file_name(language)}});
  }
  boost::json::array variants;
  if (const auto* list = hls.if_contains("variants"); list && list->is_array()) {
    for (const auto& v : list->as_array()) {
      variants.push_back(
          {{"height", v.as_object().at("height")}, {"bandwidth", v.as_object().at("bandwidth")}});
    }
  }
  return {{"master_url", prefix + "master.m3u8"},
          {"poster_url", prefix + "poster.jpg"},
          {"thumbnails_url", prefix + "thumbnails.vtt"},
          {"captions", tracks},
          {"variants", variants}};
}

}  // namespace sn::media
