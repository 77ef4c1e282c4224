# Writes OUT with the version, the git commit and the time the commit was first built.
execute_process(COMMAND git -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git -C ${SOURCE_DIR} status --porcelain --untracked-files=no
                OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(commit STREQUAL "")
  set(commit "unknown")
elseif(NOT dirty STREQUAL "")
  set(commit "${commit}-dirty")
endif()
set(marker "// commit ${commit}")
if(EXISTS ${OUT})
  file(STRINGS ${OUT} first LIMIT_COUNT 1)
  if(first STREQUAL marker)
    return()
  endif()
endif()
string(TIMESTAMP built "%Y-%m-%dT%H:%M:%SZ" UTC)
file(WRITE ${OUT} "${marker}
#include \"core/build_info.hpp\"
namespace sn::build_info {
const char* const kVersion = \"${VERSION}\";
const char* const kCommit = \"${commit}\";
const char* const kBuildTime = \"${built}\";
}  // namespace sn::build_info
")
