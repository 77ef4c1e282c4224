#pragma once
// What an upload really is, decided from its bytes, never from its name or the client's word:
// libmagic for every kind, ffprobe for videos (a stream that decodes, a duration), the WebVTT
// rules for captions. A file that is not what its kind allows is rejected with a reason a person
// can act on ("This is a PDF document, not a video.").

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "media/probe.hpp"

namespace sn::media {

class UploadRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CheckedUpload {
  std::string content_type;         // as detected; what the file is served as
  std::optional<MediaProbe> probe;  // videos
  std::optional<std::string> text;  // captions: the normalized WebVTT
  int cue_count = 0;                // captions
};

// The kinds an upload may be; anything else is a client error before any byte is stored.
bool valid_upload_kind(std::string_view kind);

// Checks a complete upload; throws UploadRejected. Blocking (it reads the file and may run
// ffprobe): call it on a thread pool.
CheckedUpload check_upload(std::string_view kind, const std::filesystem::path& file);

// The type an attachment is served as: its detected type when that is safe to hand to a browser
// (documents, archives, images, plain text), else application/octet-stream. Never HTML or script.
std::string safe_attachment_type(std::string_view detected);

}  // namespace sn::media
