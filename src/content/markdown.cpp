#include "content/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace sn::content {
namespace {

// The extension registry is global in cmark-gfm: registered once for the process.
void register_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

void attach(cmark_parser* parser, const char* name) {
  if (auto* extension = cmark_find_syntax_extension(name)) {
    cmark_parser_attach_syntax_extension(parser, extension);
  }
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  register_extensions();
  // CMARK_OPT_DEFAULT is the safe mode: no raw HTML, no dangerous URLs (CMARK_OPT_UNSAFE is
  // what would let them through, and it is never set here).
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options),
                                                                     &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) {
    attach(parser.get(), name);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(
      cmark_parser_finish(parser.get()), &cmark_node_free);
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get())),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace sn::content
