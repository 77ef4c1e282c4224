#pragma once
// Videos for the demo organisation, made on the spot with ffmpeg's test sources (nothing is
// downloaded): a test pattern and a tone with the lesson's title drawn on it, stored as an upload
// and queued for transcoding like any video an instructor sends.

#include <boost/asio/awaitable.hpp>
#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "storage/object_store.hpp"

namespace sn::media {

// The new media item's id; its transcoding job is queued in `tx`.
boost::asio::awaitable<std::string> add_demo_video(db::Transaction& tx, storage::ObjectStore& store,
                                                   std::filesystem::path work_dir,
                                                   std::string owner_id, std::string title,
                                                   int seconds);

}  // namespace sn::media
