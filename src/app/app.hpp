#pragma once
// The two commands: `serve` wires every subsystem together and runs until SIGTERM/SIGINT;
// `migrate` applies the database migrations and exits.

#include "app/config.hpp"

namespace sn::app {

int serve(const Config& config);
int migrate(const Config& config);

}  // namespace sn::app
