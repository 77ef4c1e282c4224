#pragma once
// Course descriptions and article lessons are written in Markdown (GitHub's dialect: tables,
// strikethrough, autolinks, task lists) and rendered to HTML on the server with cmark-gfm, so
// every client shows the same thing. Safe by construction: raw HTML in the source is dropped,
// links and images with javascript:, vbscript:, file: or data: (except images) URLs lose their
// target, and the result is meant for pages under the strict CSP anyway.

#include <string>
#include <string_view>

namespace sn::content {

std::string markdown_to_html(std::string_view markdown);

}  // namespace sn::content
