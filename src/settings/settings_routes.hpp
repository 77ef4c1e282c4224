#pragma once
// Platform settings that every visitor may read (name, sign-up mode), and that admins change.

#include "db/database.hpp"
#include "http/router.hpp"

namespace sn::settings {

void register_routes(http::Router& router, db::Database& db);

// PATCH /api/v1/admin/settings/platform {signup?, name?}: admins only, audited.
void register_admin_routes(http::Router& router, db::Database& db);

}  // namespace sn::settings
