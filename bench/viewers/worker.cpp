#include "worker.hpp"

#include "viewer.hpp"

namespace sn::viewers {

Worker::Worker(const Plan& plan)
    : plan(plan), io(1), buffer(new char[kBufferSize]), hard_end_(io) {}

Worker::~Worker() = default;

void Worker::add(std::uint64_t viewer_index) {
  viewers_.push_back(std::make_unique<Viewer>(*this, viewer_index));
}

void Worker::run() {
  active_ = viewers_.size();
  for (auto& v : viewers_)
    v->start();
  // Every request has failed or succeeded by its due time plus the timeout; a second more for
  // the handlers to run.
  hard_end_.expires_at(plan.end + plan.timeout + std::chrono::seconds(1));
  hard_end_.async_wait([this](boost::system::error_code ec) {
    if (!ec) stop_all();
  });
  if (active_ == 0) stop_all();
  io.run();
  for (auto& v : viewers_)
    if (v->starved()) ++stats.starved_viewers;
}

void Worker::viewer_finished() {
  if (--active_ == 0) stop_all();
}

void Worker::stop_all() {
  if (stopping) return;
  stopping = true;
  hard_end_.cancel();
  for (auto& v : viewers_)
    v->stop();
  io.stop();
}

}  // namespace sn::viewers
