#include "svg.hpp"

#include <cstdio>
#include <string_view>

#include "font.hpp"

namespace adoptsim::plot {

namespace {

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(v));
  std::string s(buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

std::string hex(Color c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// fill="..." or stroke="..." with its opacity; "none" for a transparent colour.
std::string paint(const char* what, Color c) {
  if (c.a == 0) return std::string(" ") + what + "=\"none\"";
  std::string out = std::string(" ") + what + "=\"" + hex(c) + "\"";
  if (c.a != 255) out += std::string(" ") + what + "-opacity=\"" + num(static_cast<float>(c.a) / 255.0f * 100.0f) + "%\"";
  return out;
}

std::string points_path(const std::vector<Point>& pts, bool close) {
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i) d += (i == 0 ? "M" : "L") + num(pts[i].x) + " " + num(pts[i].y);
  if (close) d += "Z";
  return d;
}

struct Writer {
  std::string out;
  const Font* font = nullptr;

  void operator()(const Polyline& l) {
    if (l.points.size() < 2 || l.colour.a == 0) return;
    out += "<path d=\"" + points_path(l.points, false) + "\" fill=\"none\"" + paint("stroke", l.colour) + " stroke-width=\"" + num(l.width) +
           "\" stroke-linejoin=\"round\" stroke-linecap=\"" + (l.dashed || l.cap == Cap::butt ? "butt" : "round") + "\"";
    if (l.dashed) out += " stroke-dasharray=\"" + num(l.width * 4) + " " + num(l.width * 3) + "\"";
    out += "/>\n";
  }
  void operator()(const Polygon& p) {
    if (p.fill.a == 0) return;
    std::string d;
    for (const auto& piece : p.pieces)
      if (piece.size() >= 3) d += points_path(piece, true);
    if (!d.empty()) out += "<path d=\"" + d + "\"" + paint("fill", p.fill) + "/>\n";
  }
  void operator()(const Box& b) {
    const float inset = b.outline.a != 0 ? b.outline_width / 2 : 0;  // the outline lies inside the rectangle
    out += "<rect x=\"" + num(b.rect.min.x + inset) + "\" y=\"" + num(b.rect.min.y + inset) + "\" width=\"" + num(b.rect.width() - 2 * inset) +
           "\" height=\"" + num(b.rect.height() - 2 * inset) + "\"" + paint("fill", b.fill) + paint("stroke", b.outline);
    if (b.outline.a != 0) out += " stroke-width=\"" + num(b.outline_width) + "\"";
    out += "/>\n";
  }
  void operator()(const Circle& c) {
    out += "<circle cx=\"" + num(c.centre.x) + "\" cy=\"" + num(c.centre.y) + "\" r=\"" + num(c.radius) + "\"" + paint("fill", c.fill) +
           paint("stroke", c.outline);
    if (c.outline.a != 0) out += " stroke-width=\"" + num(c.outline_width) + "\"";
    out += "/>\n";
  }
  void operator()(const Text& t) {
    if (t.text.empty() || t.colour.a == 0) return;
    const Size measured = font ? font->measure(t.text, t.size, t.bold) : Size{0.55f * t.size * static_cast<float>(t.text.size()), t.size};
    const Point origin = text_origin(t, measured);
    // Baseline at top + ascent (DejaVu Sans: ascent ~0.76 of the line height); the em is ~0.86 of it.
    out += "<text x=\"" + num(origin.x) + "\" y=\"" + num(origin.y + 0.76f * t.size) + "\" font-size=\"" + num(0.86f * t.size) + "\"" +
           (t.bold ? " font-weight=\"bold\"" : "") + " textLength=\"" + num(measured.width) + "\" lengthAdjust=\"spacingAndGlyphs\"" +
           paint("fill", t.colour) + ">" + xml_escape(t.text) + "</text>\n";
  }
};

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string svg(const Scene& scene, Size size, Color background) {
  Writer w;
  try {
    w.font = &default_font();
  } catch (const std::exception&) {
    w.font = nullptr;  // text is then placed by an estimate of its width
  }
  w.out = "<svg viewBox=\"0 0 " + num(size.width) + " " + num(size.height) + "\" width=\"100%\"" +
          " font-family=\"'DejaVu Sans', Verdana, sans-serif\" role=\"img\">\n";
  w.out += "<rect width=\"100%\" height=\"100%\"" + paint("fill", background) + "/>\n";
  for (const Primitive& p : scene.items) std::visit(w, p);
  w.out += "</svg>\n";
  return w.out;
}

std::string svg(const Figure& figure) {
  const Font& font = default_font();
  return svg(layout(figure, figure.size, font.measurer()), figure.size);
}

}  // namespace adoptsim::plot
