// skillnexus: the learning platform's server. See `skillnexus --help`.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/app.hpp"
#include "app/config.hpp"
#include "core/build_info.hpp"

namespace {

void print_help() {
  std::printf(
      "SkillNexus %s, a learning platform.\n\n"
      "Usage: skillnexus <command>\n\n"
      "Commands:\n"
      "  serve      serve the web app and the API until SIGTERM or SIGINT (Ctrl-C)\n"
      "  worker     run transcoding jobs (and serve /healthz, /readyz, /metrics) until SIGTERM\n"
      "  migrate    apply pending database migrations and exit\n"
      "  media sign-url MEDIA_ID\n"
      "             print the signed URL prefix of a video's files (as players get it)\n"
      "  admin create --email ADDRESS [--name NAME]\n"
      "             create an admin account and print a one-time link to set its password\n"
      "  demo seed [--users N] [--courses M] [--password P]\n"
      "             generate a large data set for benchmarks (default 100000 users, 1000\n"
      "             courses, five enrolments each); every account shares one password\n"
      "  --help     this text\n"
      "  --version  the version\n\n"
      "Environment (all optional; with none, serve runs a private PostgreSQL under ./var):\n%s",
      sn::build_info::kVersion, sn::app::environment_help().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "--help" || command == "-h" || command == "help") {
    print_help();
    return 0;
  }
  if (command == "--version") {
    std::printf("skillnexus %s (%s, built %s)\n", sn::build_info::kVersion, sn::build_info::kCommit,
                sn::build_info::kBuildTime);
    return 0;
  }
  std::string email, name, media_id;
  long long seed_users = 100000, seed_courses = 1000;
  std::string seed_password;
  if (command == "demo") {
    const std::string sub = argc > 2 ? argv[2] : "";
    bool ok = sub == "seed";
    for (int i = 3; ok && i < argc; i += 2) {
      const std::string flag = argv[i];
      if (i + 1 >= argc) {
        ok = false;
      } else if (flag == "--users" || flag == "--courses") {
        char* end = nullptr;
        const long long value = std::strtoll(argv[i + 1], &end, 10);
        ok = *end == '\0' && value >= (flag == "--users" ? 0 : 1) && value <= 10000000;
        (flag == "--users" ? seed_users : seed_courses) = value;
      } else if (flag == "--password") {
        seed_password = argv[i + 1];
        ok = seed_password.size() >= 8;
      } else {
        ok = false;
      }
    }
    if (!ok) {
      std::fprintf(stderr,
                   "skillnexus: usage: skillnexus demo seed [--users N] [--courses M] "
                   "[--password P (8+ characters)]\n");
      return 2;
    }
  } else if (command == "admin") {
    const std::string sub = argc > 2 ? argv[2] : "";
    for (int i = 3; i + 1 < argc; i += 2) {
      const std::string flag = argv[i];
      if (flag == "--email")
        email = argv[i + 1];
      else if (flag == "--name")
        name = argv[i + 1];
    }
    if (sub != "create" || email.empty() || email.find('@') == std::string::npos) {
      std::fprintf(stderr,
                   "skillnexus: usage: skillnexus admin create --email ADDRESS [--name NAME]\n");
      return 2;
    }
  } else if (command == "media") {
    const std::string sub = argc > 2 ? argv[2] : "";
    media_id = argc > 3 ? argv[3] : "";
    if (sub != "sign-url" || media_id.size() != 36) {
      std::fprintf(stderr, "skillnexus: usage: skillnexus media sign-url MEDIA_ID\n");
      return 2;
    }
  } else if (command != "serve" && command != "migrate" && command != "worker") {
    std::fprintf(stderr, "skillnexus: %s\n\n",
                 command.empty() ? "missing command" : ("unknown command " + command).c_str());
    print_help();
    return 2;
  }
  auto [config, errors] = sn::app::load_config(sn::app::process_environment());
  if (!errors.empty()) {
    for (const auto& line : errors)
      std::fprintf(stderr, "skillnexus: %s\n", line.c_str());
    std::fprintf(stderr, "skillnexus: see `skillnexus --help`\n");
    return 2;
  }
  if (command == "admin") return sn::app::admin_create(config, email, name);
  if (command == "demo") return sn::app::demo_seed(config, seed_users, seed_courses, seed_password);
  if (command == "worker") return sn::app::serve(config, true);
  if (command == "media") return sn::app::print_media_url(config, media_id);
  return command == "serve" ? sn::app::serve(config) : sn::app::migrate(config);
}
