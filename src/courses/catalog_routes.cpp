// The catalog: published courses, searched as one types and filtered, in keyset pages for every
// order; and the public page of one course. Answers never depend on who asks (for published
// courses), so they carry ETags, anonymous ones may be cached by browsers and CDNs, and this
// instance keeps them in memory (catalog edits drop them at once, see
// db/migrations/0011_cache_invalidation.sql; enrolment counts may lag by kCatalogTtl).

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/text.hpp"
#include "courses/course_access.hpp"
#include "courses/course_common.hpp"
#include "db/invalidated_cache.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"

namespace sn::courses {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

#define SN_CATALOG_COLUMNS                                                                     \
  "c.id, c.slug, c.title, c.summary, c.cover_url, c.level, c.duration_minutes, c.language, "   \
  "c.enrolment_count, to_json(c.published_at) #>> '{}' AS published_at, "                      \
  "lower(c.title) AS sort_title, (SELECT coalesce(json_agg(json_build_object('slug', s.slug, " \
  "'name', s.name, 'level', cs.level) ORDER BY s.name), '[]'::json) FROM course_skills cs "    \
  "JOIN skills s ON s.id = cs.skill_id WHERE cs.course_id = c.id)::text AS skills "

// $1 the tsquery text (built by search_query), $2 level, $3 language, $4 / $5 minutes, $6 skill.
#define SN_CATALOG_FILTERS                                                         \
  "c.status = 'published' AND ($2::text IS NULL OR c.level = $2) "                 \
  "AND ($3::text IS NULL OR c.language = $3) "                                     \
  "AND ($4::int IS NULL OR c.duration_minutes >= $4::int) "                        \
  "AND ($5::int IS NULL OR c.duration_minutes <= $5::int) "                        \
  "AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM course_skills cs JOIN skills s " \
  "ON s.id = cs.skill_id WHERE cs.course_id = c.id AND s.slug = $6)) "
#define SN_CATALOG_MATCH "AND ($1::text IS NULL OR c.search @@ to_tsquery('simple', $1)) "

// Each order walks its own partial index (courses_published_*); relevance walks the GIN index
// for the matches and sorts them by rank.
constexpr db::Query kCatalogRelevance{
    "courses.catalog_relevance",
    "SELECT " SN_CATALOG_COLUMNS
    ", ts_rank(c.search, query)::text AS rank "
    "FROM courses c, to_tsquery('simple', $1) AS query WHERE " SN_CATALOG_FILTERS
    "AND c.search @@ query AND (ts_rank(c.search, query), c.id) < ($7::real, $8::uuid) "
    "ORDER BY ts_rank(c.search, query) DESC, c.id DESC LIMIT $9"};
constexpr db::Query kCatalogNewest{"courses.catalog_newest",
                                   "SELECT " SN_CATALOG_COLUMNS
                                   "FROM courses c WHERE " SN_CATALOG_FILTERS SN_CATALOG_MATCH
                                   "AND (c.published_at, c.id) < ($7::timestamptz, $8::uuid) "
                                   "ORDER BY c.published_at DESC, c.id DESC LIMIT $9"};
constexpr db::Query kCatalogTitle{
    "courses.catalog_title",
    "SELECT " SN_CATALOG_COLUMNS "FROM courses c WHERE " SN_CATALOG_FILTERS SN_CATALOG_MATCH
    "AND (lower(c.title), c.id) > ($7, $8::uuid) ORDER BY lower(c.title), c.id LIMIT $9"};
constexpr db::Query kCatalogPopular{"courses.catalog_popular",
                                    "SELECT " SN_CATALOG_COLUMNS
                                    "FROM courses c WHERE " SN_CATALOG_FILTERS SN_CATALOG_MATCH
                                    "AND (c.enrolment_count, c.id) < ($7::bigint, $8::uuid) "
                                    "ORDER BY c.enrolment_count DESC, c.id DESC LIMIT $9"};

constexpr db::Query kCoursePage{
    "courses.catalog_page",
    "SELECT c.id, c.status, json_build_object("
    "'id', c.id, 'slug', c.slug, 'title', c.title, 'summary', c.summary, "
    "'description_html', c.description_html, 'cover_url', c.cover_url, 'level', c.level, "
    "'duration_minutes', c.duration_minutes, 'language', c.language, 'status', c.status, "
    "'self_enrolment', c.self_enrolment, 'enrolment_count', c.enrolment_count, "
    "'published_at', c.published_at, "
    "'sections', coalesce((SELECT json_agg(json_build_object('id', s.id, 'title', s.title, "
    "  'position', s.position, 'requires_previous', s.requires_previous, "
    "  'lessons', coalesce((SELECT json_agg(json_build_object('id', l.id, 'title', l.title, "
    "    'kind', l.kind, 'required', l.required, 'duration_seconds', l.duration_seconds) "
    "    ORDER BY l.position) FROM lessons l WHERE l.section_id = s.id), '[]'::json)) "
    "  ORDER BY s.position) FROM course_sections s WHERE s.course_id = c.id), '[]'::json), "
    "'owners', coalesce((SELECT json_agg(json_build_object('name', u.name) "
    "  ORDER BY o.added_at, u.id) FROM course_owners o JOIN users u ON u.id = o.user_id "
    "  WHERE o.course_id = c.id), '[]'::json), "
    "'skills', coalesce((SELECT json_agg(json_build_object('slug', s.slug, 'name', s.name, "
    "  'level', cs.level) ORDER BY s.name) FROM course_skills cs JOIN skills s "
    "  ON s.id = cs.skill_id WHERE cs.course_id = c.id), '[]'::json), "
    "'prerequisites', coalesce((SELECT json_agg(json_build_object('id', p.id, 'slug', p.slug, "
    "  'title', p.title, 'available', p.status = 'published') ORDER BY p.title, p.id) "
    "  FROM course_prerequisites cp JOIN courses p ON p.id = cp.required_course_id "
    "  WHERE cp.course_id = c.id), '[]'::json)"
    ")::text AS page FROM courses c WHERE c.slug = $1"};

constexpr std::chrono::seconds kCatalogTtl{30};
constexpr std::size_t kCachedCatalogAnswers = 20000;

// Both caches drop everything on a "catalog" notification.
struct CatalogCaches {
  explicit CatalogCaches(db::Invalidations& invalidations)
      : searches(invalidations, "catalog_searches", "catalog", kCachedCatalogAnswers, kCatalogTtl),
        pages(invalidations, "course_pages", "catalog", kCachedCatalogAnswers, kCatalogTtl) {}
  // Shared, so a hit copies a pointer under the cache's lock, not the answer's bytes.
  using Entry = std::shared_ptr<const http::JsonEntity>;
  db::InvalidatedCache<Entry> searches;  // by every parameter of the search
  db::InvalidatedCache<Entry> pages;     // published course pages, by slug
};

// A cache key from the parameters that make an answer (absent ones are not empty ones).
std::string cache_key(std::initializer_list<const std::optional<std::string>*> parts) {
  std::string key;
  for (const auto* part : parts) {
    key += *part ? "\x1e" + **part : "\x1f";
  }
  return key;
}

constexpr const char* kFirstUuid = "00000000-0000-0000-0000-000000000000";
constexpr const char* kLastUuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";

boost::json::value catalog_item(const db::Result& rows, int row) {
  boost::json::object item{{"id", rows.text(row, "id")},
                           {"slug", rows.text(row, "slug")},
                           {"title", rows.text(row, "title")},
                           {"summary", rows.text(row, "summary")},
                           {"cover_url", nullptr},
                           {"level", rows.text(row, "level")},
                           {"duration_minutes", rows.integer(row, "duration_minutes")},
                           {"language", rows.text(row, "language")},
                           {"skills", boost::json::parse(rows.text(row, "skills"))},
                           {"enrolment_count", rows.integer(row, "enrolment_count")},
                           {"published_at", nullptr}};
  if (auto cover = rows.optional_text(row, "cover_url")) item["cover_url"] = *cover;
  if (auto at = rows.optional_text(row, "published_at")) item["published_at"] = *at;
  return item;
}

std::optional<std::string> minutes_param(const http::QueryParams& params, const std::string& name) {
  auto text = http::param(params, name);
  if (!text) return std::nullopt;
  if (text->size() > 6 || text->find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(*text) > 100000) {
    throw Error(Errc::validation_failed, "\"" + name + "\" must be a number from 0 to 100000.");
  }
  return text;
}

}  // namespace

std::optional<std::string> search_query(std::string_view text) {
  // Words are runs of ASCII letters and digits and of any non-ASCII bytes (letters of other
  // scripts); everything else separates them. So no tsquery operator can get through.
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < 8) words.push_back(ascii_lower(word.substr(0, 60)));
    word.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool part =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
    if (part) {
      word += c;
    } else {
      flush();
    }
  }
  // The last word is still being typed only if nothing follows it.
  const bool typing = !word.empty() && words.size() < 8;
  flush();
  if (words.empty()) return std::nullopt;
  std::string query;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) query += " & ";
    query += words[i];
    if (typing && i + 1 == words.size()) query += ":*";
  }
  return query;
}

void register_catalog_routes(http::Router& router, learning::LearningContext& ctx) {
  std::shared_ptr<CatalogCaches> caches;
  if (ctx.invalidations) caches = std::make_shared<CatalogCaches>(*ctx.invalidations);
  router.get(
      "/api/v1/catalog", Access::anyone_identified(),
      [&ctx, caches](RequestContext& rc) -> asio::awaitable<Response> {
        const auto params = http::query_params(rc.request);
        const int limit = http::page_limit(params);
        std::optional<std::string> query;
        if (auto q = http::param(params, "q")) {
          if (q->size() > 200)
            throw Error(Errc::validation_failed, "\"q\" must be at most 200 characters.");
          query = search_query(*q);
        }
        auto level = http::param(params, "level");
        if (level && *level != "beginner" && *level != "intermediate" && *level != "advanced") {
          throw Error(Errc::validation_failed,
                      "\"level\" must be one of beginner, intermediate, advanced.");
        }
        auto language = http::param(params, "language");
        if (language && !valid_language(*language)) {
          throw Error(Errc::validation_failed, "\"language\" must be a language code such as en.");
        }
        auto skill = http::param(params, "skill");
        if (skill && !valid_slug(*skill, 80)) {
          throw Error(Errc::validation_failed, "\"skill\" must be a skill slug.");
        }
        const auto min_minutes = minutes_param(params, "min_minutes");
        const auto max_minutes = minutes_param(params, "max_minutes");
        auto sort = http::param(params, "sort").value_or(query ? "relevance" : "newest");
        db::Query statement = kCatalogNewest;
        std::string after = "infinity";
        std::string after_id = kLastUuid;
        if (sort == "relevance") {
          if (!query) {
            throw Error(Errc::validation_failed, "\"sort\" relevance needs search words in \"q\".");
          }
          statement = kCatalogRelevance;
          after = "Infinity";
        } else if (sort == "title") {
          statement = kCatalogTitle;
          after = "";
          after_id = kFirstUuid;
        } else if (sort == "popular") {
          statement = kCatalogPopular;
          after = "9223372036854775807";
        } else if (sort != "newest") {
          throw Error(Errc::validation_failed,
                      "\"sort\" must be one of relevance, newest, title, popular.");
        }
        if (auto cursor = http::param(params, "cursor")) {
          auto parts = http::decode_cursor(*cursor, 2);
          if (!http::is_uuid(parts[1]))
            throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
          after = parts[0];
          after_id = parts[1];
        }
        const auto cache_control = rc.principal ? "private, no-cache" : "public, max-age=30";
        const std::optional<std::string> statement_name = statement.name;
        const std::optional<std::string> after_key = after + "\x1e" + after_id;
        const std::optional<std::string> limit_key = std::to_string(limit);
        const auto key = cache_key({&statement_name, &query, &level, &language, &min_minutes,
                                    &max_minutes, &skill, &after_key, &limit_key});
        if (caches) {
          if (auto hit = caches->searches.get(key)) {
            co_return http::cacheable_json(rc, **hit, cache_control);
          }
        }
        const auto ticket = caches ? caches->searches.ticket()
                                   : db::InvalidatedCache<CatalogCaches::Entry>::Ticket{};
        db::Result rows;
        bool bad_cursor = false;
        try {
          rows = co_await ctx.db.read_replica(statement, query, level, language, min_minutes,
                                              max_minutes, skill, after, after_id, limit + 1);
        } catch (const db::QueryError& e) {
          if (!e.sqlstate().starts_with("22")) throw;
          bad_cursor = true;
        }
        if (bad_cursor) throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
        boost::json::object page;
        if (sort == "relevance") {
          page = http::keyset_page(rows, limit, "courses", catalog_item, {"rank", "id"});
        } else if (sort == "title") {
          page = http::keyset_page(rows, limit, "courses", catalog_item, {"sort_title", "id"});
        } else if (sort == "popular") {
          page = http::keyset_page(rows, limit, "courses", catalog_item, {"enrolment_count", "id"});
        } else {
          page = http::keyset_page(rows, limit, "courses", catalog_item, {"published_at", "id"});
        }
        auto entity = std::make_shared<const http::JsonEntity>(http::json_entity(page));
        if (caches) caches->searches.put(key, entity, ticket);
        co_return http::cacheable_json(rc, *entity, cache_control);
      });

  router.get("/api/v1/catalog/{slug}", Access::anyone_identified(),
             [&ctx, caches](RequestContext& rc) -> asio::awaitable<Response> {
               const auto slug = rc.param("slug");
               if (!valid_slug(slug, 100)) throw Error(Errc::not_found, "No such course.");
               const std::string key(slug);
               const auto cache_control = rc.principal ? "private, no-cache" : "public, max-age=30";
               if (caches) {
                 if (auto hit = caches->pages.get(key)) {
                   co_return http::cacheable_json(rc, **hit, cache_control);
                 }
               }
               const auto ticket = caches ? caches->pages.ticket()
                                          : db::InvalidatedCache<CatalogCaches::Entry>::Ticket{};
               auto rows = co_await ctx.db.query(kCoursePage, slug);
               if (rows.empty()) throw Error(Errc::not_found, "No such course.");
               const bool published = rows.text(0, "status") == "published";
               if (!published) {
                 // Drafts and archived courses: only their editors see the page.
                 bool editor = false;
                 if (rc.principal && rc.principal->role != http::Role::learner) {
                   try {
                     std::string course_id(rows.text(0, "id"));
                     co_await require_editor(ctx.db, rc, std::move(course_id));
                     editor = true;
                   } catch (const Error&) {
                   }
                 }
                 if (!editor) throw Error(Errc::not_found, "No such course.");
               }
               // The database's JSON text, parsed and written again: one canonical form for the
               // ETag whichever way the answer was made.
               auto entity = http::json_entity(boost::json::parse(rows.text(0, "page")));
               if (!published) co_return http::cacheable_json(rc, entity, "private, no-cache");
               if (caches) {
                 caches->pages.put(key, std::make_shared<const http::JsonEntity>(entity), ticket);
               }
               co_return http::cacheable_json(rc, entity, cache_control);
             });
}

}  // namespace sn::courses
