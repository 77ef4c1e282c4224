#pragma once
// Platform settings that every visitor may read (name, sign-up mode).

#include "db/database.hpp"
#include "http/router.hpp"

namespace sn::settings {

void register_routes(http::Router& router, db::Database& db);

}  // namespace sn::settings
