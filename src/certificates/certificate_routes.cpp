#include "certificates/certificate_routes.hpp"

namespace sn::certificates {

void register_routes(http::Router&, learning::LearningContext&) {}

}  // namespace sn::certificates
