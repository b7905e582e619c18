#include "raster.hpp"

#include <cmath>

#include "canvas.hpp"

namespace adoptsim::plot {

namespace {

struct Painter {
  Image& image;
  const Font& font;

  void operator()(const Polyline& l) const {
    // Only the parts near the image: far-off points (and NaN) cost nothing and cannot make
    // the dash loop run for ever.
    const float pad = l.width / 2 + 2;
    const Rect near{{-pad, -pad}, {image.width + pad, image.height + pad}};
    const auto parts = clip_polyline(l.points, near);
    Mask mask(image, bounds_of(parts, pad));
    for (const auto& part : parts) {
      if (l.dashed)
        for (const auto& d : dashes(part, l.width)) mask.stroke(d, l.width, Cap::butt);
      else
        mask.stroke(part, l.width, l.cap);
    }
    mask.paint(image, l.colour);
  }
  void operator()(const Polygon& p) const {
    Mask mask(image, bounds_of(p.pieces, 1));
    mask.fill(oriented(p.pieces));  // one pass: no seams between the pieces
    mask.paint(image, p.fill);
  }
  void operator()(const Box& b) const {
    const Rect r = b.rect;
    const std::vector<Point> outer{r.min, {r.max.x, r.min.y}, r.max, {r.min.x, r.max.y}};
    if (b.fill.a > 0) {
      Mask mask(image, bounds_of({outer}, 1));
      mask.fill({outer});
      mask.paint(image, b.fill);
    }
    if (b.outline.a > 0 && b.outline_width > 0) {
      const float w = b.outline_width;  // a frame: the outer contour minus an inner, reversed one
      const std::vector<Point> inner{{r.min.x + w, r.min.y + w}, {r.min.x + w, r.max.y - w}, {r.max.x - w, r.max.y - w}, {r.max.x - w, r.min.y + w}};
      Mask mask(image, bounds_of({outer}, 1));
      mask.fill({outer, inner});
      mask.paint(image, b.outline);
    }
  }
  void operator()(const Circle& c) const {
    const float w = c.outline.a > 0 ? c.outline_width : 0;
    if (c.fill.a > 0) {
      Mask mask(image, bounds_of({{c.centre}}, c.radius + 1));
      mask.fill({circle_contour(c.centre, c.radius)});
      mask.paint(image, c.fill);
    }
    if (w > 0) {
      Mask mask(image, bounds_of({{c.centre}}, c.radius + w + 1));
      mask.fill({circle_contour(c.centre, c.radius + w / 2), circle_contour(c.centre, std::max(0.0f, c.radius - w / 2), true)});
      mask.paint(image, c.outline);
    }
  }
  void operator()(const Text& t) const {
    const Point at = text_origin(t, font.measure(t.text, t.size, t.bold));
    font.draw(image, at, t.text, t.size, t.bold, t.colour);
  }
};

Size whole(Size s) { return {std::round(s.width), std::round(s.height)}; }

}  // namespace

Image render(const Scene& scene, Size size, const Font& font, Color background) {
  size = whole(size);
  Image image(int(std::max(0.0f, size.width)), int(std::max(0.0f, size.height)), background);
  const Painter paint{image, font};
  for (const auto& item : scene.items) std::visit(paint, item);
  return image;
}

Image render(const Figure& figure, Size size) {
  const Font& font = default_font();
  return render(layout(figure, whole(size), font.measurer()), size, font);
}

Image render(const Figure& figure) { return render(figure, figure.size); }

Image render(const Chart& chart, Size size) {
  const Font& font = default_font();
  size = whole(size);
  return render(layout(chart, {{0, 0}, {size.width, size.height}}, font.measurer()), size, font);
}

}  // namespace adoptsim::plot
