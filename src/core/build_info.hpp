#pragma once
// Generated at build time (cmake/build_info.cmake).

namespace sn::build_info {
extern const char* const kVersion;
extern const char* const kCommit;
extern const char* const kBuildTime;
}  // namespace sn::build_info
