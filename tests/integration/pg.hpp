#pragma once
// Direct libpq access for tests that look at the database behind the server.

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace sn::test {

class Pg {
 public:
  explicit Pg(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw std::runtime_error(std::string("connect: ") + PQerrorMessage(conn_.get()));
    }
  }
  // Runs `sql`; returns the first column of the first row ("" if none).
  std::string scalar(const std::string& sql) {
    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn_.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(res.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      throw std::runtime_error(std::string("query: ") + PQresultErrorMessage(res.get()));
    }
    if (PQntuples(res.get()) == 0) return "";
    return PQgetvalue(res.get(), 0, 0);
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

inline std::string embedded_conninfo(const std::string& socket_dir, const std::string& db) {
  return "host=" + socket_dir + " port=5432 user=skillnexus dbname=" + db;
}

}  // namespace sn::test
