#pragma once

#include <cstddef>
#include <string>

namespace sn {

// `bytes` bytes from the OS CSPRNG (libsodium) as lower-case hex: unguessable names and ids.
std::string random_hex(std::size_t bytes);

}  // namespace sn
