#include "canvas.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace adoptsim::plot {

namespace {

float clamp01(float v) { return std::clamp(v, 0.0f, 1.0f); }

// A pixel index from a coordinate that may be far outside (converting a huge float to int is
// undefined, so clamp first).
int index_in(float v, int lo, int hi) { return int(std::clamp(v, float(lo), float(hi))); }
bool finite(Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// Mean of clamp(c + 1 - x, 0, 1) for x uniform in [xl, xr]: the share of pixel column c that
// lies right of an edge piece running from xl to xr within one row. G integrates it.
float right_of(float xl, float xr, int c) {
  auto G = [](float u) { return u <= 0 ? u : (u >= 1 ? 0.5f : u - 0.5f * u * u); };
  const float ul = xl - c, ur = xr - c;
  if (ur - ul < 1e-4f) return clamp01(1 - 0.5f * (ul + ur));
  return (G(ur) - G(ul)) / (ur - ul);
}

}  // namespace

Mask::Mask(const Image& image, Rect b) {
  x0_ = index_in(std::floor(b.min.x), 0, image.width);
  y0_ = index_in(std::floor(b.min.y), 0, image.height);
  const int x1 = index_in(std::ceil(b.max.x), 0, image.width);
  const int y1 = index_in(std::ceil(b.max.y), 0, image.height);
  w_ = std::max(0, x1 - x0_);
  h_ = std::max(0, y1 - y0_);
  cover_.assign(std::size_t(w_) * h_, 0.0f);
}

void Mask::stroke(const std::vector<Point>& line, float width, Cap cap) {
  if (line.size() < 2 || w_ == 0 || h_ == 0) return;
  const float hw = 0.5f * std::max(width, 1.0f);
  const float thin = std::min(width, 1.0f);  // hairlines: fainter rather than thinner
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Point a = line[i - 1], b = line[i];
    if (!finite(a) || !finite(b)) continue;
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    const float ux = len > 0 ? dx / len : 1, uy = len > 0 ? dy / len : 0;
    const bool butt_start = cap == Cap::butt && i == 1;
    const bool butt_end = cap == Cap::butt && i + 1 == line.size();
    const int xa = index_in(std::floor(std::min(a.x, b.x) - hw - 1), x0_, x0_ + w_);
    const int xb = index_in(std::ceil(std::max(a.x, b.x) + hw + 1), x0_, x0_ + w_);
    const int ya = index_in(std::floor(std::min(a.y, b.y) - hw - 1), y0_, y0_ + h_);
    const int yb = index_in(std::ceil(std::max(a.y, b.y) + hw + 1), y0_, y0_ + h_);
    for (int y = ya; y < yb; ++y) {
      for (int x = xa; x < xb; ++x) {
        const float px = x + 0.5f - a.x, py = y + 0.5f - a.y;
        const float t = px * ux + py * uy;          // along the segment
        const float n = std::fabs(px * uy - py * ux);  // across it
        float c;
        if (t < 0 && !butt_start) c = clamp01(hw + 0.5f - std::hypot(px, py));
        else if (t > len && !butt_end) c = clamp01(hw + 0.5f - std::hypot(px - dx, py - dy));
        else c = clamp01(hw + 0.5f - n) * (butt_start ? clamp01(t + 0.5f) : 1.0f) *
                 (butt_end ? clamp01(len - t + 0.5f) : 1.0f);
        float& m = cover_[std::size_t(y - y0_) * w_ + (x - x0_)];
        m = std::max(m, c * thin);
      }
    }
  }
}

void Mask::fill(const std::vector<std::vector<Point>>& contours) {
  if (w_ == 0 || h_ == 0) return;
  // acc holds, per row, the change of signed coverage from one column to the next; its running
  // sum along the row is the winding-weighted area of each pixel. One spare column per row.
  const int stride = w_ + 1;
  std::vector<float> acc(std::size_t(stride) * h_, 0.0f);
  const float W = float(w_), H = float(h_);

  // An edge piece entirely within 0 <= x <= W, walked row by row. Positions along the edge
  // are interpolated in double from its ends, so far-away ends (a huge circle) stay finite.
  auto add_piece = [&](Point a, Point b) {
    if (a.y == b.y) return;
    const float dir = a.y < b.y ? 1.0f : -1.0f;
    if (a.y > b.y) std::swap(a, b);
    auto x_at = [&](float y) {
      const double t = std::clamp((double(y) - a.y) / (double(b.y) - a.y), 0.0, 1.0);
      return float(std::clamp(a.x + t * (double(b.x) - a.x), 0.0, double(W)));
    };
    // Both ends clamped to the mask: an edge far above or below would otherwise turn into an
    // out-of-range int row and a loop over billions of empty rows.
    const float ys = std::clamp(a.y, 0.0f, H), ye = std::clamp(b.y, 0.0f, H);
    if (!(ye > ys)) return;
    for (int row = int(std::floor(ys)); row < int(std::ceil(ye)); ++row) {
      const float y0 = std::max(float(row), ys), y1 = std::min(float(row + 1), ye);
      if (y1 <= y0) continue;
      const float d = dir * (y1 - y0);
      const float xa = x_at(y0), xb = x_at(y1);
      const float xl = std::min(xa, xb), xr = std::max(xa, xb);
      float* r = &acc[std::size_t(row) * stride];
      const int c0 = int(std::floor(xl)), c1 = std::min(w_, int(std::floor(xr)) + 1);
      float prev = 0;
      for (int c = c0; c < c1; ++c) {
        const float cv = d * right_of(xl, xr, c);
        r[c] += cv - prev;
        prev = cv;
      }
      r[c1] += d - prev;
    }
  };
  // Split where an edge crosses the left or right side, so that clamping x there is exact
  // (area left of the mask piles up in column 0, which is what the running sum needs).
  auto add_edge = [&](Point a, Point b) {
    const double ax = double(a.x) - x0_, ay = double(a.y) - y0_, bx = double(b.x) - x0_, by = double(b.y) - y0_;
    std::array<double, 4> ts{0, 1, 0, 1};
    int n = 2;
    for (double side : {0.0, double(W)}) {
      if ((ax < side) != (bx < side)) ts[n++] = (side - ax) / (bx - ax);
    }
    std::sort(ts.begin(), ts.begin() + n);
    auto at = [&](double t) { return Point{float(std::clamp(ax + (bx - ax) * t, 0.0, double(W))), float(ay + (by - ay) * t)}; };
    for (int i = 1; i < n; ++i) add_piece(at(ts[i - 1]), at(ts[i]));
  };
  for (const auto& c : contours) {
    for (std::size_t i = 0; i < c.size(); ++i) {
      const Point a = c[i], b = c[(i + 1) % c.size()];
      if (finite(a) && finite(b)) add_edge(a, b);
    }
  }
  for (int y = 0; y < h_; ++y) {
    float sum = 0;
    for (int x = 0; x < w_; ++x) {
      sum += acc[std::size_t(y) * stride + x];
      float& m = cover_[std::size_t(y) * w_ + x];
      m = std::max(m, std::min(1.0f, std::fabs(sum)));
    }
  }
}

void Mask::paint(Image& image, Color colour) const {
  for (int y = 0; y < h_; ++y) {
    for (int x = 0; x < w_; ++x) {
      const float c = cover_[std::size_t(y) * w_ + x];
      if (c > 0.002f) image.blend(x0_ + x, y0_ + y, colour, c);
    }
  }
}

std::vector<std::vector<Point>> oriented(std::vector<std::vector<Point>> pieces) {
  for (auto& p : pieces) {
    float area2 = 0;  // twice the signed area (shoelace)
    for (std::size_t i = 0; i < p.size(); ++i) {
      const Point a = p[i], b = p[(i + 1) % p.size()];
      area2 += a.x * b.y - b.x * a.y;
    }
    if (area2 < 0) std::reverse(p.begin(), p.end());
  }
  return pieces;
}

std::vector<Point> circle_contour(Point centre, float radius, bool clockwise) {
  // Sides of about 1.5 px keep the polygon within a tenth of a pixel of the circle.
  const float sides = 2 * std::numbers::pi_v<float> * radius / 1.5f;
  const int n = sides > 256 ? 256 : sides > 12 ? int(std::ceil(sides)) : 12;  // NaN: 12
  std::vector<Point> p(n);
  for (int i = 0; i < n; ++i) {
    const float a = (clockwise ? -1.0f : 1.0f) * 2 * std::numbers::pi_v<float> * i / n;
    p[i] = {centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)};
  }
  return p;
}

Rect bounds_of(const std::vector<std::vector<Point>>& parts, float pad) {
  Rect r{{INFINITY, INFINITY}, {-INFINITY, -INFINITY}};
  for (const auto& part : parts) {
    for (Point p : part) {
      if (!finite(p)) continue;
      r.min = {std::min(r.min.x, p.x), std::min(r.min.y, p.y)};
      r.max = {std::max(r.max.x, p.x), std::max(r.max.y, p.y)};
    }
  }
  if (r.min.x > r.max.x) return {};
  return {{r.min.x - pad, r.min.y - pad}, {r.max.x + pad, r.max.y + pad}};
}

}  // namespace adoptsim::plot
