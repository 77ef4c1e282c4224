#pragma once
// The two commands: `serve` wires every subsystem together and runs until SIGTERM/SIGINT;
// `migrate` applies the database migrations and exits.

#include <string>

#include "app/config.hpp"

namespace sn::app {

int serve(const Config& config);
int migrate(const Config& config);
// `skillnexus admin create --email …`: the first admin of an empty install, with a one-time link.
int admin_create(const Config& config, const std::string& email, const std::string& name);
// `skillnexus demo seed --users N --courses M [--password P]`: a large generated data set.
int demo_seed(const Config& config, long long users, long long courses,
              const std::string& password);

}  // namespace sn::app
