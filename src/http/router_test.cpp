#include "http/router.hpp"

#include <gtest/gtest.h>

namespace sn::http {
namespace {

Handler noop() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.get("/api/v1/courses/{slug}", Access::anyone(), noop());
  router.get("/api/v1/courses/{slug}/lessons/{id}", Access::anyone(), noop());
  auto m = router.match(Verb::get, "/api/v1/courses/intro-to-sql/lessons/42?x=1");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/courses/{slug}/lessons/{id}");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"slug", "intro-to-sql"}));
  EXPECT_EQ(m.params[1].second, "42");
}

TEST(Router, LiteralSegmentsWinOverParametersWhateverTheOrder) {
  Router router;
  router.get("/api/v1/catalog/{slug}", Access::anyone(), noop());
  router.get("/api/v1/catalog/paths", Access::anyone(), noop());
  router.get("/api/v1/catalog/paths/{slug}", Access::anyone(), noop());
  router.get("/api/v1/catalog/{slug}/{part}", Access::anyone(), noop());
  EXPECT_EQ(router.match(Verb::get, "/api/v1/catalog/paths").route->pattern,
            "/api/v1/catalog/paths");
  EXPECT_EQ(router.match(Verb::get, "/api/v1/catalog/sql-basics").route->pattern,
            "/api/v1/catalog/{slug}");
  auto path = router.match(Verb::get, "/api/v1/catalog/paths/data-101");
  EXPECT_EQ(path.route->pattern, "/api/v1/catalog/paths/{slug}");
  ASSERT_EQ(path.params.size(), 1u);
  EXPECT_EQ(path.params[0].second, "data-101");
  EXPECT_EQ(router.match(Verb::get, "/api/v1/catalog/sql/outline").route->pattern,
            "/api/v1/catalog/{slug}/{part}");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router router;
  router.get("/items", Access::anyone(), noop());
  router.post("/items", Access::anyone(), noop());
  auto m = router.match(Verb::delete_, "/items");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<Verb>{Verb::get, Verb::head, Verb::post}));
  EXPECT_TRUE(router.match(Verb::get, "/nothing").allowed.empty());
}

TEST(Router, HeadUsesTheGetRoute) {
  Router router;
  router.get("/healthz", Access::anyone(), noop());
  EXPECT_NE(router.match(Verb::head, "/healthz").route, nullptr);
}

TEST(Router, FallbackAnswersUnknownGetPathsOnly) {
  Router router;
  router.post("/api/v1/things", Access::anyone(), noop());
  router.set_fallback(noop(), "/{web app}");
  EXPECT_EQ(router.match(Verb::get, "/courses/abc").route->pattern, "/{web app}");
  EXPECT_EQ(router.match(Verb::post, "/courses/abc").route, nullptr);
  // A known path with the wrong method is a 405, not the web app.
  EXPECT_EQ(router.match(Verb::get, "/api/v1/things").route, nullptr);
}

TEST(Router, AssignsDenseIdsAndRejectsDuplicates) {
  Router router;
  EXPECT_EQ(router.get("/a", Access::anyone(), noop()).id, 1u);
  EXPECT_EQ(router.get("/b/{x}", Access::anyone(), noop()).id, 2u);
  EXPECT_THROW(router.get("/b/{y}", Access::anyone(), noop()), std::logic_error);
  EXPECT_EQ(router.route_count(), 4u);  // none, two routes, the fallback
}

}  // namespace
}  // namespace sn::http
