#pragma once
// A ready video's own playlists in the store: master.m3u8 (the ladder plus the captions as
// subtitle renditions) and captions/<language>.m3u8, written from the captions the database lists
// now. The transcoder writes them when a video becomes ready, the captions routes whenever the
// captions change.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "media/ladder.hpp"
#include "storage/object_store.hpp"

namespace sn::media {

boost::asio::awaitable<void> publish_playlists(db::Database& db, storage::ObjectStore& store,
                                               std::string media_id,
                                               std::vector<VariantEntry> variants,
                                               std::int64_t duration_ms);

// The variants kept in a media row's hls column ({"variants": [{uri, bandwidth, …}]}).
std::vector<VariantEntry> variants_of(const boost::json::object& hls);

}  // namespace sn::media
