// The one translation unit that compiles Asio and Beast (BOOST_*_SEPARATE_COMPILATION is set for
// the whole project), so every other file only parses their declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
