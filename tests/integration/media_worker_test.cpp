// The transcoding queue across processes: a `skillnexus worker` killed in the middle of a job
// (SIGKILL, so nothing is cleaned up) loses its lease, and another worker runs the job again to
// the end. Also: a file that ffprobe cannot read fails for good at once, with its reason.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

void make_clip(const fs::path& path, const std::string& size, int seconds) {
  fs::create_directories(path.parent_path());
  const std::string command =
      "/usr/bin/ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=size=" + size +
      ":rate=25:duration=" + std::to_string(seconds) +
      " -f lavfi -i sine=duration=" + std::to_string(seconds) +
      " -c:v libx264 -preset ultrafast -c:a aac -shortest -f mp4 " + path.string();
  ASSERT_EQ(std::system(command.c_str()), 0);
}

// SQL on the server's embedded database.
Pg pg_of(ServerProcess& server) {
  const auto socket_dir =
      std::string(server.wait_for_log("embedded PostgreSQL ready").at("socket_dir").as_string());
  return Pg(embedded_conninfo(socket_dir, "skillnexus"));
}

// What an accepted video upload leaves once its source is in the uploads bucket (the local
// store's layout): the media row processing, its transcoding job queued.
void queue_source(Pg& pg, const std::string& id) {
  pg.scalar(
      "INSERT INTO media (id, kind, status, file_name, content_type, size_bytes, sha256, "
      "source_key) VALUES ('" +
      id + "', 'video', 'processing', 'clip.mp4', 'video/mp4', 1, '" + std::string(64, 'a') +
      "', '" + id + "/source') RETURNING id");
  pg.scalar("INSERT INTO jobs (kind, payload) VALUES ('media.transcode', '{\"subject\": \"" + id +
            "\"}') RETURNING id");
}

// A generated clip queued as above; its id.
std::string queue_video(Pg& pg, const fs::path& data_dir, const std::string& size, int seconds) {
  const auto id = pg.scalar("SELECT gen_random_uuid()");
  make_clip(data_dir / "objects" / "uploads" / id / "source", size, seconds);
  queue_source(pg, id);
  return id;
}

std::string job_field(Pg& pg, const std::string& media_id, const std::string& field) {
  return pg.scalar("SELECT coalesce(" + field +
                   "::text, '') FROM jobs WHERE payload->>'subject' = '" + media_id + "'");
}

TEST(MediaWorker, AJobWhoseWorkerWasKilledIsFinishedByAnother) {
  const std::map<std::string, std::string> env{{"SKILLNEXUS_JOB_LEASE_SECONDS", "4"},
                                               {"SKILLNEXUS_WORKER", "0"}};
  ServerProcess web({.env = env});
  web.start();
  web.wait_ready();
  Pg pg = pg_of(web);
  const auto id = queue_video(pg, web.data_dir(), "854x480", 40);
  // Captions added while the video is still processing: the finished ladder must list them.
  pg.scalar(
      "INSERT INTO media_captions (media_id, language, label, object_key, cue_count) "
      "VALUES ('" +
      id + "', 'en', 'English', '" + id + "/captions/en.vtt', 1) RETURNING 1");

  // The web process runs no jobs (SKILLNEXUS_WORKER=0): the first worker takes it.
  auto first = std::make_unique<ServerProcess>(
      ServerProcess::Options{.command = "worker", .data_dir = web.data_dir(), .env = env});
  first->start();
  const auto first_pid = std::to_string(first->pid());
  ASSERT_TRUE(
      eventually([&] { return job_field(pg, id, "worker").ends_with(":" + first_pid); }, 60s))
      << joined(first->output());
  ASSERT_TRUE(eventually(
      [&] {
        return std::stod(pg.scalar("SELECT progress FROM media WHERE id = '" + id + "'")) > 0;
      },
      60s));
  ASSERT_EQ(pg.scalar("SELECT status FROM media WHERE id = '" + id + "'"), "processing");
  first->stop(9);
  first.reset();

  ServerProcess second({.command = "worker", .data_dir = web.data_dir(), .env = env});
  second.start();
  const auto second_pid = std::to_string(second.pid());
  ASSERT_TRUE(eventually(
      [&] { return pg.scalar("SELECT status FROM media WHERE id = '" + id + "'") != "processing"; },
      180s))
      << joined(second.output());
  EXPECT_EQ(pg.scalar("SELECT status FROM media WHERE id = '" + id + "'"), "ready")
      << pg.scalar("SELECT coalesce(failure, '') FROM media WHERE id = '" + id + "'");
  // The job is marked done just after the video is.
  EXPECT_TRUE(eventually([&] { return job_field(pg, id, "status") == "done"; }, 10s));
  EXPECT_EQ(job_field(pg, id, "attempts"), "2");
  EXPECT_GE(second.count_log("job lease expired"), 1u);
  EXPECT_EQ(
      pg.scalar("SELECT jsonb_array_length(hls->'variants') FROM media WHERE id = '" + id + "'"),
      "2");
  // Each rendition's segments are all there, nothing left of the crashed attempt's scratch.
  EXPECT_TRUE(fs::exists(web.data_dir() / "objects/videos" / id / "480p/index.m3u8"));
  EXPECT_TRUE(fs::exists(web.data_dir() / "objects/videos" / id / "360p/seg_00000.m4s"));
  EXPECT_TRUE(fs::exists(web.data_dir() / "objects/videos" / id / "master.m3u8"));
  std::ifstream master(web.data_dir() / "objects/videos" / id / "master.m3u8");
  const std::string master_text((std::istreambuf_iterator<char>(master)), {});
  EXPECT_NE(master_text.find("TYPE=SUBTITLES"), std::string::npos) << master_text;
  EXPECT_TRUE(fs::exists(web.data_dir() / "objects/videos" / id / "captions/en.m3u8"));
  EXPECT_TRUE(fs::is_empty(web.data_dir() / "work")) << "scratch left behind";
  EXPECT_EQ(second.stop(), 0);
}

// The delete route removes the files that exist when it runs; a job still transcoding the video
// stores more afterwards, and must remove them itself when it finds the row gone.
TEST(MediaWorker, AVideoDeletedWhileTranscodingStopsItAndLeavesNoFiles) {
  ServerProcess server;
  server.start();
  server.wait_ready();
  Pg pg = pg_of(server);
  const auto id = queue_video(pg, server.data_dir(), "854x480", 40);
  ASSERT_TRUE(eventually(
      [&] {
        return std::stod(pg.scalar("SELECT coalesce((SELECT progress FROM media WHERE id = '" + id +
                                   "'), 0)")) > 0;
      },
      60s));
  // What the route does once the row is locked: the row goes (the running job is left alone).
  pg.scalar("DELETE FROM media WHERE id = '" + id + "' RETURNING id");
  ASSERT_TRUE(eventually([&] { return job_field(pg, id, "status") == "done"; }, 120s))
      << joined(server.output());
  // ffmpeg was stopped at its next progress report, not run to the end.
  EXPECT_EQ(server.count_log("video deleted while transcoding; transcoding stopped"), 1u)
      << joined(server.output());
  EXPECT_EQ(server.count_log("video deleted while transcoding; its files are removed"), 0u);
  EXPECT_FALSE(fs::exists(server.data_dir() / "objects/videos" / id));
  EXPECT_FALSE(fs::exists(server.data_dir() / "objects/uploads" / id));
}

TEST(MediaWorker, AnUnreadableVideoFailsAtOnceWithItsReason) {
  ServerProcess server;
  server.start();
  server.wait_ready();
  Pg pg = pg_of(server);
  const auto id = pg.scalar("SELECT gen_random_uuid()");
  const auto source = server.data_dir() / "objects/uploads" / id / "source";
  fs::create_directories(source.parent_path());
  std::ofstream(source) << "this is not a video at all";
  queue_source(pg, id);
  ASSERT_TRUE(eventually(
      [&] { return pg.scalar("SELECT status FROM media WHERE id = '" + id + "'") == "failed"; },
      60s));
  EXPECT_FALSE(pg.scalar("SELECT failure FROM media WHERE id = '" + id + "'").empty());
  EXPECT_EQ(job_field(pg, id, "status"), "failed");
  EXPECT_EQ(job_field(pg, id, "attempts"), "1");  // permanent: no retries
}

}  // namespace
}  // namespace sn::test
