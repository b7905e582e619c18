// Anti-aliased coverage for the raster backend. A Mask collects the coverage of one primitive
// (all its strokes and fills) and is painted once, so that overlaps within the primitive (the
// joins of a translucent line, the pieces of a band) are not blended twice.
#pragma once
#include <vector>

#include "geometry.hpp"
#include "image.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

class Mask {
 public:
  // Covers `bounds` (pixels) cut to the image.
  Mask(const Image& image, Rect bounds);

  // A line `width` pixels wide; round joins; `cap` at both ends. Coverage from the distance of
  // each pixel centre to the line, so any width and slope work.
  void stroke(const std::vector<Point>& line, float width, Cap cap);

  // Closed contours with the nonzero rule; coverage is the exact area of each pixel inside.
  // Contours of the same orientation add up; an opposite one cuts a hole.
  void fill(const std::vector<std::vector<Point>>& contours);

  void paint(Image& image, Color colour) const;

 private:
  int x0_ = 0, y0_ = 0, w_ = 0, h_ = 0;
  std::vector<float> cover_;
};

// The union of `pieces` whatever their orientation (for Polygon primitives).
std::vector<std::vector<Point>> oriented(std::vector<std::vector<Point>> pieces);

// A closed regular polygon fine enough to pass for a circle at this radius.
std::vector<Point> circle_contour(Point centre, float radius, bool clockwise = false);

// The bounding box of points, grown by `pad`.
Rect bounds_of(const std::vector<std::vector<Point>>& parts, float pad);

}  // namespace adoptsim::plot
