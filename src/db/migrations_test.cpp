#include "db/migrations.hpp"

#include <gtest/gtest.h>

namespace sn::db {
namespace {

TEST(Migrations, ParsesAndOrdersByVersion) {
  auto parsed = parse_migrations({{"0002_second.sql", "SELECT 2"}, {"0001_first.sql", "SELECT 1"}});
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0].version, 1);
  EXPECT_EQ(parsed[0].name, "first");
  EXPECT_EQ(parsed[1].version, 2);
  EXPECT_EQ(parsed[0].checksum.size(), 64u);
  EXPECT_NE(parsed[0].checksum, parsed[1].checksum);
}

TEST(Migrations, RejectsBadNamesAndDuplicates) {
  EXPECT_THROW(parse_migrations({{"1_x.sql", ""}}), std::runtime_error);
  EXPECT_THROW(parse_migrations({{"0001_x.txt", ""}}), std::runtime_error);
  EXPECT_THROW(parse_migrations({{"0001_a.sql", ""}, {"0001_b.sql", ""}}), std::runtime_error);
}

TEST(Migrations, EmbeddedFilesAreValid) {
  auto parsed = parse_migrations(embedded_migrations());
  ASSERT_FALSE(parsed.empty());
  EXPECT_EQ(parsed.front().version, 1);
}

}  // namespace
}  // namespace sn::db
