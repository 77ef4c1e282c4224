#include "media/playlist_store.hpp"

#include "media/playlists.hpp"

namespace sn::media {
namespace {

constexpr db::Query kCaptionTracks{
    "media.caption_tracks",
    "SELECT language, label FROM media_captions WHERE media_id = $1 ORDER BY created_at, language"};

constexpr std::string_view kPlaylistType = "application/vnd.apple.mpegurl";

}  // namespace

boost::asio::awaitable<void> publish_playlists(db::Database& db, storage::ObjectStore& store,
                                               std::string media_id,
                                               std::vector<VariantEntry> variants,
                                               std::int64_t duration_ms) {
  std::vector<CaptionTrack> tracks;
  auto rows = co_await db.query(kCaptionTracks, media_id);
  for (int i = 0; i < rows.rows(); ++i) {
    tracks.push_back({std::string(rows.text(i, "language")), std::string(rows.text(i, "label"))});
    // Sources and keys made before the co_await (see core/blocking.hpp on GCC 12 and temporaries).
    auto playlist =
        storage::read_string(subtitle_playlist(tracks.back().language, duration_ms / 1000.0));
    auto key = media_id + "/" + caption_playlist_uri(tracks.back().language);
    std::string type(kPlaylistType);
    co_await store.put(storage::Bucket::videos, std::move(key), std::move(playlist),
                       std::move(type), std::nullopt);
  }
  auto master = storage::read_string(master_playlist(variants, tracks));
  auto key = media_id + "/master.m3u8";
  std::string type(kPlaylistType);
  co_await store.put(storage::Bucket::videos, std::move(key), std::move(master), std::move(type),
                     std::nullopt);
}

std::vector<VariantEntry> variants_of(const boost::json::object& hls) {
  std::vector<VariantEntry> variants;
  const auto* list = hls.if_contains("variants");
  if (!list || !list->is_array()) return variants;
  for (const auto& v : list->as_array()) {
    const auto& o = v.as_object();
    variants.push_back({std::string(o.at("uri").as_string()), o.at("bandwidth").to_number<long>(),
                        std::string(o.at("resolution").as_string()),
                        std::string(o.at("codecs").as_string())});
  }
  return variants;
}

}  // namespace sn::media
