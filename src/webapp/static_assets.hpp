#pragma once
// Serves the built web app (web/dist) from memory: content-hashed assets cached for a year,
// index.html revalidated on every load and returned for client-side routes, strong ETags with 304,
// and the precompressed .br/.gz variants chosen by Accept-Encoding.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "http/types.hpp"

namespace sn::webapp {

enum class Encoding { identity, gzip, brotli };

// The best encoding the client accepts among those we have (q-values honoured, q=0 refuses).
Encoding choose_encoding(std::string_view accept_encoding, bool have_brotli, bool have_gzip);

class StaticAssets {
 public:
  // Loads every file under `dir`; an empty or missing dir gives an app that serves 404s.
  static StaticAssets load(const std::filesystem::path& dir);

  // Installs GET /api/v1/openapi.json and the router's GET fallback: files, then index.html for
  // client-side routes.
  void register_routes(http::Router& router) const;

  http::Response serve(const http::Request& request, std::string_view path) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct Variant {
    std::string body;
    std::string etag;
  };
  struct File {
    std::string content_type;
    std::string cache_control;
    Variant identity;
    std::optional<Variant> gzip;
    std::optional<Variant> brotli;
  };
  const File* find(std::string_view path) const;

  std::map<std::string, File, std::less<>> files_;  // by URL path, "/assets/x.js"
};

// Where the built web app is when SKILLNEXUS_WEB_DIR is not set.
std::filesystem::path default_web_dir();

}  // namespace sn::webapp
