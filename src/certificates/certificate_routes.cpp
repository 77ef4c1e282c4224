// Certificates: the learner's own list and PDFs, the public verification by code (JSON and the
// same PDF) and revocation by an admin.

#include "certificates/certificate_routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include "admin/common.hpp"
#include "certificates/pdf.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"
#include "learning/events.hpp"

namespace sn::certificates {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

// What a certificate shows, to its holder and (minus ids) to anyone with the code. The date is
// printed in UTC, the day the server issued it.
#define SN_CERTIFICATE_COLUMNS                                                                 \
  "c.id, c.code, c.user_id, c.course_id, c.path_id, c.kind, c.learner_name, c.title, "         \
  "to_json(c.issued_at) #>> '{}' AS issued_at, to_json(c.revoked_at) #>> '{}' AS revoked_at, " \
  "c.revoked_at IS NULL AS valid, "                                                            \
  "to_char(c.issued_at AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY') AS issued_on "

// Newest first; the keyset (issued_at, id) follows certificates_by_user.
constexpr db::Query kMine{"certificates.mine",
                          "SELECT " SN_CERTIFICATE_COLUMNS
                          "FROM certificates c WHERE c.user_id = $1::uuid "
                          "AND (c.issued_at, c.id) < ($2::timestamptz, $3::uuid) "
                          "ORDER BY c.issued_at DESC, c.id DESC LIMIT $4"};
constexpr db::Query kById{"certificates.by_id", "SELECT " SN_CERTIFICATE_COLUMNS
                                                "FROM certificates c WHERE c.id = $1::uuid"};
constexpr db::Query kByCode{"certificates.by_code", "SELECT " SN_CERTIFICATE_COLUMNS
                                                    "FROM certificates c WHERE c.code = $1"};
// Locks the row so two admins revoking at once audit one revocation.
constexpr db::Query kRevoke{
    "certificates.revoke",
    "UPDATE certificates c SET revoked_at = now(), revoked_reason = $2 "
    "WHERE c.id = $1::uuid AND c.revoked_at IS NULL RETURNING " SN_CERTIFICATE_COLUMNS};

constexpr const char* kLastUuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";
constexpr std::size_t kMaxReason = 500;

std::string verify_url(const learning::LearningContext& ctx, std::string_view code) {
  return ctx.public_url + "/verify/" + std::string(code);
}

// The holder's view (their own list; an admin's revoke answer).
boost::json::object certificate_json(const db::Result& rows, int row, const std::string& base) {
  const auto code = rows.text(row, "code");
  const auto nullable = [&](std::string_view column) -> boost::json::value {
    if (auto value = rows.optional_text(row, column)) return boost::json::string(*value);
    return nullptr;
  };
  return {{"id", rows.text(row, "id")},
          {"code", code},
          {"kind", rows.text(row, "kind")},
          {"title", rows.text(row, "title")},
          {"learner_name", rows.text(row, "learner_name")},
          {"course_id", nullable("course_id")},
          {"path_id", nullable("path_id")},
          {"issued_at", rows.text(row, "issued_at")},
          {"revoked_at", nullable("revoked_at")},
          {"valid", rows.boolean(row, rows.column("valid"))},
          {"verify_url", base + "/verify/" + std::string(code)}};
}

// The public answer: what the certificate says and whether it stands; no user id or email.
boost::json::object verification_json(const db::Result& rows) {
  const auto revoked = rows.optional_text(0, "revoked_at");
  return {{"code", rows.text(0, "code")},
          {"learner_name", rows.text(0, "learner_name")},
          {"title", rows.text(0, "title")},
          {"kind", rows.text(0, "kind")},
          {"issued_at", rows.text(0, "issued_at")},
          {"valid", !revoked.has_value()},
          {"revoked_at", revoked ? boost::json::value(*revoked) : boost::json::value(nullptr)}};
}

CertificateContent content_of(const db::Result& rows, const learning::LearningContext& ctx) {
  return {.learner_name = std::string(rows.text(0, "learner_name")),
          .title = std::string(rows.text(0, "title")),
          .kind = std::string(rows.text(0, "kind")),
          .issued_on = std::string(rows.text(0, "issued_on")),
          .code = std::string(rows.text(0, "code")),
          .verify_url = verify_url(ctx, rows.text(0, "code")),
          .revoked = !rows.boolean(0, rows.column("valid"))};
}

// Laying out and writing a PDF takes tens of milliseconds of CPU: done on a small pool of its
// own, never on the threads that serve requests.
asio::thread_pool& render_pool() {
  static asio::thread_pool pool(2);
  return pool;
}

// A plain function with a by-value parameter, not a capturing lambda: the frame owns its input.
asio::awaitable<std::string> render_task(CertificateContent content) {
  co_return render_pdf(content);
}

asio::awaitable<Response> pdf_response(CertificateContent content, std::string cache_control) {
  // While the pool works, the caller's io_context must not run out of work and return.
  auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
  const std::string filename = "certificate-" + content.code + ".pdf";
  auto pdf =
      co_await asio::co_spawn(render_pool(), render_task(std::move(content)), asio::use_awaitable);
  auto res = http::text_response(http::Status::ok, std::move(pdf), "application/pdf");
  res.set(http::beast_http::field::content_disposition, "inline; filename=\"" + filename + "\"");
  res.set(http::beast_http::field::cache_control, cache_control);
  co_return res;
}

// Codes are printed and typed: accept them in any case, refuse anything that cannot be one.
std::string code_param(const RequestContext& rc) {
  auto code = std::string(rc.param("code"));
  for (auto& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const bool shaped =
      code.size() >= 12 && code.size() <= 40 &&
      code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == std::string::npos;
  if (!shaped) throw Error(Errc::not_found, "No certificate has this code.");
  return code;
}

std::string certificate_id_param(const RequestContext& rc) {
  const auto id = rc.param("id");
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such certificate.");
  return std::string(id);
}

bool is_admin(const RequestContext& rc) {
  return rc.principal && rc.principal->role == Role::admin;
}

}  // namespace

void register_routes(http::Router& router, learning::LearningContext& ctx) {
  router.get("/api/v1/me/certificates", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto params = http::query_params(rc.request);
               const int limit = http::page_limit(params);
               std::string before_at = "infinity";
               std::string before_id = kLastUuid;
               if (auto cursor = http::param(params, "cursor")) {
                 auto parts = http::decode_cursor(*cursor, 2);
                 if (!http::is_uuid(parts[1])) {
                   throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
                 }
                 before_at = std::move(parts[0]);
                 before_id = std::move(parts[1]);
               }
               db::Result rows;
               bool bad_cursor = false;
               try {
                 rows = co_await ctx.db.query(kMine, rc.principal->user_id, before_at, before_id,
                                              limit + 1);
               } catch (const db::QueryError& e) {
                 // A forged cursor whose time does not parse.
                 if (!e.sqlstate().starts_with("22")) throw;
                 bad_cursor = true;
               }
               if (bad_cursor) throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
               boost::json::array items;
               const int shown = std::min(rows.rows(), limit);
               for (int r = 0; r < shown; ++r)
                 items.push_back(certificate_json(rows, r, ctx.public_url));
               boost::json::value next = nullptr;
               if (rows.rows() > limit) {
                 next = http::encode_cursor({std::string(rows.text(shown - 1, "issued_at")),
                                             std::string(rows.text(shown - 1, "id"))});
               }
               const boost::json::object page{{"certificates", std::move(items)},
                                              {"next_cursor", std::move(next)}};
               co_return http::json_response(http::Status::ok, page);
             });

  // The holder or an admin; to anyone else the certificate does not exist.
  router.get(
      "/api/v1/certificates/{id}/pdf", Access::signed_in(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = certificate_id_param(rc);
        auto rows = co_await ctx.db.query(kById, id);
        if (rows.empty() || (rows.text(0, "user_id") != rc.principal->user_id && !is_admin(rc))) {
          throw Error(Errc::not_found, "No such certificate.");
        }
        auto content = content_of(rows, ctx);
        co_return co_await pdf_response(std::move(content), "private, no-cache");
      });

  // Public. no-cache: a revocation must show on the very next look.
  router.get("/api/v1/certificates/verify/{code}", Access::anyone(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kByCode, code_param(rc));
               if (rows.empty()) throw Error(Errc::not_found, "No certificate has this code.");
               co_return http::cacheable_json(rc, verification_json(rows), "no-cache");
             });

  router.get("/api/v1/certificates/verify/{code}/pdf", Access::anyone(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kByCode, code_param(rc));
               if (rows.empty()) throw Error(Errc::not_found, "No certificate has this code.");
               auto content = content_of(rows, ctx);
               co_return co_await pdf_response(std::move(content), "no-cache");
             });

  router.post(
      "/api/v1/admin/certificates/{id}/revoke", Access::role(Role::admin),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = certificate_id_param(rc);
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const std::string reason(
            trim_blanks(http::optional_string(fields, "reason", 4 * kMaxReason).value_or("")));
        if (reason.empty() || reason.size() > kMaxReason) {
          throw Error(Errc::validation_failed, "\"reason\" must be 1 to 500 characters.");
        }
        auto tx = co_await ctx.db.begin();
        auto rows = co_await tx.execute(kRevoke, id, reason);
        if (rows.empty()) {
          auto existing = co_await tx.execute(kById, id);
          if (existing.empty()) throw Error(Errc::not_found, "No such certificate.");
          throw Error(Errc::conflict, "This certificate is already revoked.");
        }
        const std::string holder(rows.text(0, "user_id"));
        learning::Statement revoked{.actor_id = holder,
                                    .verb = "revoked",
                                    .object_type = "certificate",
                                    .object_id = id,
                                    .context = boost::json::object{{"reason", reason}}};
        if (auto course = rows.optional_text(0, "course_id")) revoked.course_id = *course;
        co_await learning::record(tx, std::move(revoked));
        const auto detail = boost::json::serialize(boost::json::object{
            {"certificate_id", id}, {"code", rows.text(0, "code")}, {"reason", reason}});
        co_await tx.execute(admin::kAuditBy, "certificate.revoked", holder, rc.principal->user_id,
                            rc.client.to_string(), detail);
        co_await tx.commit();
        co_return http::json_response(http::Status::ok, certificate_json(rows, 0, ctx.public_url));
      },
      {.body_limit = 16 * 1024});
}

}  // namespace sn::certificates
