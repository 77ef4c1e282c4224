#include "media/upload_staging.hpp"

#include <system_error>

namespace sn::media {

AssembledUpload::~AssembledUpload() {
  if (!temporary_) return;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace sn::media
