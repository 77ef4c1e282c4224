#include "media/content_check.hpp"

#include <magic.h>
#include <signal.h>

#include <array>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/process.hpp"

namespace sn::media {
namespace {

namespace fs = std::filesystem;

// libmagic handles are not thread-safe; one pair for the process, loaded once, used under a lock.
class Magic {
 public:
  static Magic& instance() {
    static Magic magic;
    return magic;
  }
  // The MIME type ("video/mp4") and a description for people ("ISO Media, MP4 v2").
  std::pair<std::string, std::string> identify(const fs::path& file) {
    std::lock_guard lock(mutex_);
    const char* type = magic_file(mime_, file.c_str());
    const char* text = magic_file(description_, file.c_str());
    return {type ? type : "application/octet-stream", text ? text : "unknown data"};
  }

 private:
  Magic() : mime_(magic_open(MAGIC_MIME_TYPE)), description_(magic_open(MAGIC_NONE)) {
    if (!mime_ || !description_ || magic_load(mime_, nullptr) != 0 ||
        magic_load(description_, nullptr) != 0) {
      throw std::runtime_error("libmagic's database could not be loaded");
    }
  }
  ~Magic() {
    magic_close(mime_);
    magic_close(description_);
  }
  std::mutex mutex_;
  magic_t mime_;
  magic_t description_;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a person is told the file is instead: "a PDF document" rather than "application/pdf".
std::string described(const std::string& description) {
  auto text = description.substr(0, description.find(','));
  return text.empty() ? "unknown data" : text;
}

MediaProbe probe_video(const fs::path& file) {
  const fs::path out = file.string() + ".probe.json";
  const fs::path err = file.string() + ".probe.err";
  struct Cleanup {
    fs::path a, b;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(a, ec);
      fs::remove(b, ec);
    }
  } cleanup{out, err};
  process::SpawnOptions options;
  options.output_file = out.string();
  options.error_file = err.string();
  options.parent_death_signal = SIGKILL;
  const auto status = process::run_for(ffprobe_arguments("/usr/bin/ffprobe", file.string()),
                                       options, std::chrono::seconds(60));
  if (!status) throw UploadRejected("The video could not be read in time.");
  if (*status != 0) throw UploadRejected("The file could not be read as a video.");
  try {
    return parse_ffprobe_json(read_text(out));
  } catch (const ProbeError& e) {
    throw UploadRejected(e.what());
  }
}

constexpr std::array kImageTypes = {"image/jpeg", "image/png", "image/webp", "image/gif"};

// Attachments a browser may be handed with their own type: nothing it would run or render as a
// page (HTML, SVG, XML), only documents, archives, images, media and plain text.
constexpr std::array kSafeAttachmentTypes = {
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/x-7z-compressed",
    "application/x-tar",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/epub+zip",
    "text/plain",
    "text/csv",
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "audio/mpeg",
    "audio/ogg",
    "video/mp4",
};

bool one_of(std::string_view type, const auto& list) {
  for (std::string_view candidate : list) {
    if (candidate == type) return true;
  }
  return false;
}

}  // namespace

bool valid_upload_kind(std::string_view kind) {
  return kind == "video" || kind == "image" || kind == "attachment";
}

std::string safe_attachment_type(std::string_view detected) {
  return one_of(detected, kSafeAttachmentTypes) ? std::string(detected)
                                                : "application/octet-stream";
}

CheckedUpload check_upload(std::string_view kind, const fs::path& file) {
  const auto [type, description] = Magic::instance().identify(file);
  CheckedUpload checked;
  checked.content_type = type;
  if (kind == "video") {
    if (!type.starts_with("video/")) {
      throw UploadRejected("This is " + described(description) + " (" + type + "), not a video.");
    }
    checked.probe = probe_video(file);
    return checked;
  }
  if (kind == "image") {
    if (!one_of(type, kImageTypes)) {
      throw UploadRejected("Images must be JPEG, PNG, WebP or GIF; this is " +
                           described(description) + " (" + type + ").");
    }
    return checked;
  }
  if (kind == "attachment") {
    if (type == "application/x-executable" || type == "application/x-sharedlib" ||
        type == "application/x-dosexec" || type == "application/x-pie-executable" ||
        type == "application/x-mach-binary") {
      throw UploadRejected("Programs are not accepted as attachments (" + type + ").");
    }
    return checked;
  }
  throw UploadRejected("Unknown kind of upload.");
}

}  // namespace sn::media
