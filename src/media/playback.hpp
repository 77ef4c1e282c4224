#pragma once
// What a player needs to show a ready video: its master playlist, poster, seek-bar thumbnails and
// captions, all under one signed prefix that expires. Issued only after the caller's right to
// watch was checked (the lesson view, the owner's library).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <string_view>

#include "media/url_signer.hpp"

namespace sn::media {

// `hls` is the media row's hls column; `captions` an array of {language, label}.
boost::json::object playback_urls(const MediaUrlSigner& signer, std::string_view media_id,
                                  const boost::json::object& hls,
                                  const boost::json::array& captions, std::chrono::seconds ttl);

}  // namespace sn::media
