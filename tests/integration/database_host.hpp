#pragma once
// A test suite that talks to PostgreSQL directly, through our own db layer: a running server
// provides the embedded cluster, and the suite connects to it as the server does.

#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {

class DatabaseHost : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    host_ = new ServerProcess();
    host_->start();
    host_->wait_ready();
    conninfo_ = new std::string(embedded_conninfo(
        std::string(host_->wait_for_log("embedded PostgreSQL ready").at("socket_dir").as_string()),
        "skillnexus"));
  }
  static void TearDownTestSuite() {
    delete host_;
    delete conninfo_;
  }

  static inline ServerProcess* host_ = nullptr;
  static inline std::string* conninfo_ = nullptr;
};

}  // namespace sn::test
