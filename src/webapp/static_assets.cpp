#include "webapp/static_assets.hpp"

#include <unistd.h>

#include <boost/beast/http/field.hpp>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "http/conditional.hpp"

namespace sn::webapp {
namespace fs = std::filesystem;
using boost::beast::http::field;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string content_type_for(const fs::path& path) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = types.find(path.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// q-value of `coding` in an Accept-Encoding header: -1 when not mentioned.
double quality_of(std::string_view header, std::string_view coding) {
  double wildcard = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    auto name = item.substr(0, semi);
    while (!name.empty() && name.front() == ' ')
      name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
      name.remove_suffix(1);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto params = item.substr(semi + 1);
      auto qpos = params.find("q=");
      if (qpos != std::string_view::npos)
        q = std::atof(std::string(params.substr(qpos + 2)).c_str());
    }
    if (name.size() == coding.size() &&
        std::equal(name.begin(), name.end(), coding.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return q;
    }
    if (name == "*") wildcard = q;
  }
  return wildcard;
}

}  // namespace

Encoding choose_encoding(std::string_view accept, bool have_brotli, bool have_gzip) {
  const double br = have_brotli ? quality_of(accept, "br") : -1;
  const double gz = have_gzip ? quality_of(accept, "gzip") : -1;
  if (br > 0 && br >= gz) return Encoding::brotli;
  if (gz > 0) return Encoding::gzip;
  return Encoding::identity;
}

fs::path default_web_dir() {
  // build/<preset>/skillnexus → <source>/web/dist; else the working directory's web/dist.
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path().parent_path().parent_path() / "web" / "dist";
    if (fs::exists(candidate / "index.html")) return candidate;
  }
  return fs::absolute("web/dist");
}

StaticAssets StaticAssets::load(const fs::path& dir) {
  StaticAssets assets;
  std::error_code ec;
  if (!fs::exists(dir / "index.html", ec)) {
    log::warn("no built web app; run `make build`", {{"dir", dir.string()}});
    return assets;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto& path = entry.path();
    const auto ext = path.extension();
    if (ext == ".gz" || ext == ".br") continue;
    const auto url = "/" + fs::relative(path, dir).generic_string();
    File file;
    file.content_type = content_type_for(path);
    file.cache_control = url.starts_with("/assets/") ? "public, max-age=31536000, immutable"
                         : url == "/index.html"      ? "no-cache"
                                                     : "public, max-age=3600";
    file.identity.body = read_file(path);
    // 80 bits of the content's SHA-256: unique enough for a validator, short on the wire.
    const auto hash = sha256_hex(file.identity.body).substr(0, 20);
    file.identity.etag = "\"" + hash + "\"";
    if (fs::exists(path.string() + ".gz")) {
      file.gzip = Variant{read_file(path.string() + ".gz"), "\"" + hash + "-gz\""};
    }
    if (fs::exists(path.string() + ".br")) {
      file.brotli = Variant{read_file(path.string() + ".br"), "\"" + hash + "-br\""};
    }
    assets.files_.emplace(url, std::move(file));
  }
  log::info("web app loaded", {{"dir", dir.string()}, {"files", assets.files_.size()}});
  return assets;
}

const StaticAssets::File* StaticAssets::find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

http::Response StaticAssets::serve(const http::Request& request, std::string_view path) const {
  const File* file = find(path == "/" ? "/index.html" : path);
  if (!file) {
    const auto last = path.substr(path.rfind('/') + 1);
    // API paths and missing files are real 404s; anything else is a page of the app.
    if (path.starts_with("/api/") || last.find('.') != std::string_view::npos ||
        !(file = find("/index.html"))) {
      throw Error(Errc::not_found, "There is nothing at this address.");
    }
  }
  const auto encoding = choose_encoding(request[field::accept_encoding], file->brotli.has_value(),
                                        file->gzip.has_value());
  const Variant& variant = encoding == Encoding::brotli ? *file->brotli
                           : encoding == Encoding::gzip ? *file->gzip
                                                        : file->identity;
  http::Response res{http::Status::ok, 11};
  res.set(field::cache_control, file->cache_control);
  res.set(field::etag, variant.etag);
  if (file->gzip || file->brotli) res.set(field::vary, "Accept-Encoding");
  if (http::etag_matches(request[field::if_none_match], variant.etag)) {
    res.result(http::Status::not_modified);
    return res;
  }
  res.set(field::content_type, file->content_type);
  if (encoding == Encoding::brotli) res.set(field::content_encoding, "br");
  if (encoding == Encoding::gzip) res.set(field::content_encoding, "gzip");
  res.body() = variant.body;
  return res;
}

void StaticAssets::register_routes(http::Router& router) const {
  // The API description, converted from api/openapi.yaml by the web build.
  router.get("/api/v1/openapi.json", http::Access::anyone(),
             [this](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
               if (!find("/openapi.json")) {
                 throw Error(Errc::not_found, "The API description is not part of this build.");
               }
               co_return serve(ctx.request, "/openapi.json");
             });
  router.set_fallback(
      [this](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
        co_return serve(ctx.request, http::path_of(ctx.request.target()));
      },
      "/{web app}");
}

}  // namespace sn::webapp
