#pragma once
// The two commands: `serve` wires every subsystem together and runs until SIGTERM/SIGINT;
// `migrate` applies the database migrations and exits.

#include <string>

#include "app/config.hpp"

namespace sn::app {

// `worker_only`: the `worker` command, which runs jobs and serves only health and metrics.
int serve(const Config& config, bool worker_only = false);
int migrate(const Config& config);
// `skillnexus media sign-url`: the signed prefix a player would get for the video, for checks
// and benchmarks (needs the server's secret key, nothing else).
int print_media_url(const Config& config, const std::string& media_id);
// `skillnexus admin create --email …`: the first admin of an empty install, with a one-time link.
int admin_create(const Config& config, const std::string& email, const std::string& name);
// `skillnexus demo seed --users N --courses M [--password P]`: a large generated data set.
int demo_seed(const Config& config, long long users, long long courses,
              const std::string& password);

}  // namespace sn::app
