// skillnexus: the learning platform's server. See `skillnexus --help`.

#include <cstdio>
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
      "  migrate    apply pending database migrations and exit\n"
      "  admin create --email ADDRESS [--name NAME]\n"
      "             create an admin account and print a one-time link to set its password\n"
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
  std::string email, name;
  if (command == "admin") {
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
  } else if (command != "serve" && command != "migrate") {
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
  return command == "serve" ? sn::app::serve(config) : sn::app::migrate(config);
}
