// TrueType text for the raster backend (stb_truetype), with a cache of rendered glyphs.
#pragma once
#include <filesystem>
#include <memory>
#include <string_view>

#include "geometry.hpp"
#include "image.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

class Font {
 public:
  // Throws std::runtime_error when a file cannot be read or is not a font. Without a bold file,
  // bold text uses the regular face.
  explicit Font(const std::filesystem::path& regular, const std::filesystem::path& bold = {});

  // The box of one line: advance width × `size` (the line height in pixels).
  Size measure(std::string_view utf8, float size, bool bold = false) const;
  // measure() as a TextMeasure for the layout; it shares this font's data and cache.
  TextMeasure measurer() const;

  // Draws one line with its box's top-left corner at `top_left`.
  void draw(Image& image, Point top_left, std::string_view utf8, float size, bool bold, Color colour) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // copies share the (thread-safe) glyph cache
};

// DejaVu Sans (regular and bold) from the Debian package fonts-dejavu-core, loaded once.
// Throws std::runtime_error naming the missing file and the package.
const Font& default_font();

// Code points of UTF-8 text; a malformed byte becomes U+FFFD.
std::u32string decode_utf8(std::string_view s);

}  // namespace adoptsim::plot
