#include "certificates/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

namespace sn::certificates {
namespace {

// A4 landscape in PostScript points.
constexpr double kWidth = 841.89;
constexpr double kHeight = 595.28;
constexpr double kMargin = 36;
constexpr double kTextWidth = kWidth - 2 * 96;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.13, 0.15, 0.20};
constexpr Rgb kMuted{0.38, 0.42, 0.48};
constexpr Rgb kAccent{0.11, 0.36, 0.62};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` centred on the page, its top at `y`, wrapped to the text width; returns the y just
// below it. Markup is never used: names and titles are learner- and instructor-written text.
double centred(cairo_t* cr, const std::string& text, const char* font, Rgb colour, double y) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr),
                                                                 &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string(font), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>(kTextWidth * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_move_to(cr, (kWidth - kTextWidth) / 2, y);
  pango_cairo_show_layout(cr, layout.get());
  return y + static_cast<double>(height) / PANGO_SCALE;
}

// Across the whole page, translucent: a printed or saved copy of a revoked certificate cannot pass
// for a valid one, and what it says stays legible.
void watermark(cairo_t* cr, const char* text) {
  cairo_save(cr);
  cairo_translate(cr, kWidth / 2, kHeight / 2);
  cairo_rotate(cr, -0.35);
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr),
                                                                 &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string("DejaVu Sans Bold 96"), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_text(layout.get(), text, -1);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  cairo_set_source_rgba(cr, 0.75, 0.1, 0.1, 0.22);
  cairo_move_to(cr, -static_cast<double>(width) / PANGO_SCALE / 2,
                -static_cast<double>(height) / PANGO_SCALE / 2);
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
}

void frame(cairo_t* cr) {
  cairo_set_source_rgb(cr, kAccent.r, kAccent.g, kAccent.b);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, kMargin, kMargin, kWidth - 2 * kMargin, kHeight - 2 * kMargin);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.75);
  cairo_rectangle(cr, kMargin + 8, kMargin + 8, kWidth - 2 * kMargin - 16,
                  kHeight - 2 * kMargin - 16);
  cairo_stroke(cr);
}

// Long names and titles get a smaller size, so that they stay within three lines and clear of the
// verification lines at the foot of the page.
std::string sized(const char* family, const std::string& text, std::size_t short_length, int normal,
                  int small, int smallest) {
  const auto size = text.size() <= short_length       ? normal
                    : text.size() <= 2 * short_length ? small
                                                      : smallest;
  return std::string(family) + " " + std::to_string(size);
}

}  // namespace

std::string render_pdf(const CertificateContent& content) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kWidth, kHeight),
      &cairo_surface_destroy);
  const auto document_title = "Certificate: " + content.title;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document_title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, "SkillNexus");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                             &cairo_destroy);
  cairo_t* cr = context.get();

  frame(cr);
  double y = 92;
  y = centred(cr, "SKILLNEXUS", "DejaVu Sans Bold 11", kAccent, y) + 26;
  y = centred(cr, "Certificate of Completion", "DejaVu Serif 34", kInk, y) + 26;
  y = centred(cr, "This certifies that", "DejaVu Sans 13", kMuted, y) + 10;
  y = centred(cr, content.learner_name,
              sized("DejaVu Serif Bold", content.learner_name, 36, 28, 20, 16).c_str(), kInk, y) +
      12;
  y = centred(
          cr,
          content.kind == "path" ? "has completed the learning path" : "has completed the course",
          "DejaVu Sans 13", kMuted, y) +
      10;
  y = centred(cr, content.title, sized("DejaVu Sans Bold", content.title, 70, 20, 16, 13).c_str(),
              kInk, y) +
      22;
  centred(cr, "Issued on " + content.issued_on, "DejaVu Sans 12", kMuted, y);

  centred(cr, "Verification code: " + content.code, "DejaVu Sans Mono 11", kInk, kHeight - 122);
  centred(cr, "Verify at " + content.verify_url, "DejaVu Sans 10", kAccent, kHeight - 102);
  if (content.revoked) {
    watermark(cr, "REVOKED");
  }

  cairo_show_page(cr);
  context.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("certificate PDF: ") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pdf;
}

}  // namespace sn::certificates

#if defined(__SANITIZE_ADDRESS__)
// fontconfig keeps its configuration and font caches until the process ends, by design (pango
// holds on to them); LeakSanitizer would report them at every exit of a process that rendered a
// certificate.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
#endif
