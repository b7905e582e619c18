#include "font.hpp"

#include <stb/stb_truetype.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace adoptsim::plot {

namespace {

struct Face {
  std::vector<unsigned char> data;  // stbtt keeps pointers into it
  stbtt_fontinfo info{};
  int ascent = 0, descent = 0;

  explicit Face(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("plot: cannot read font " + path.string());
    data.assign(std::istreambuf_iterator<char>(in), {});
    const int offset = stbtt_GetFontOffsetForIndex(data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&info, data.data(), offset)) throw std::runtime_error("plot: not a TrueType font: " + path.string());
    int gap;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  }
  float scale(float size) const { return stbtt_ScaleForPixelHeight(&info, size); }
};

struct Glyph {
  int x0 = 0, y0 = 0, w = 0, h = 0;  // offset of the bitmap from the pen on the baseline
  std::vector<unsigned char> alpha;
};

// Glyphs are cached per quarter pixel of horizontal position, so that kerned text keeps its
// spacing without rendering every glyph anew.
constexpr int subpixels = 4;

}  // namespace

struct Font::Impl {
  Face regular;
  std::unique_ptr<Face> bold;
  std::mutex mutex;
  std::map<std::tuple<bool, char32_t, float, int>, Glyph> cache;

  Impl(const std::filesystem::path& r, const std::filesystem::path& b) : regular(r) {
    if (!b.empty()) bold = std::make_unique<Face>(b);
  }
  const Face& face(bool want_bold) const { return want_bold && bold ? *bold : regular; }

  const Glyph& glyph(bool want_bold, char32_t cp, float size, int phase) {
    const auto key = std::make_tuple(want_bold, cp, size, phase);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    const Face& f = face(want_bold);
    const float s = f.scale(size), shift = float(phase) / subpixels;
    Glyph g;
    int x1, y1;
    stbtt_GetCodepointBitmapBoxSubpixel(&f.info, int(cp), s, s, shift, 0, &g.x0, &g.y0, &x1, &y1);
    g.w = x1 - g.x0;
    g.h = y1 - g.y0;
    if (g.w > 0 && g.h > 0) {
      g.alpha.resize(std::size_t(g.w) * g.h);
      stbtt_MakeCodepointBitmapSubpixel(&f.info, g.alpha.data(), g.w, g.h, g.w, s, s, shift, 0, int(cp));
    }
    return cache.emplace(key, std::move(g)).first->second;
  }

  // Calls place(code point, pen x) for each character, pen x from 0, kerning included;
  // returns the total advance.
  template <class F>
  float walk(const std::u32string& text, float size, bool want_bold, F place) const {
    const Face& f = face(want_bold);
    const float s = f.scale(size);
    float pen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      place(text[i], pen);
      int advance, lsb;
      stbtt_GetCodepointHMetrics(&f.info, int(text[i]), &advance, &lsb);
      pen += advance * s;
      if (i + 1 < text.size()) pen += s * stbtt_GetCodepointKernAdvance(&f.info, int(text[i]), int(text[i + 1]));
    }
    return pen;
  }
};

Font::Font(const std::filesystem::path& regular, const std::filesystem::path& bold)
    : impl_(std::make_shared<Impl>(regular, bold)) {}

Size Font::measure(std::string_view utf8, float size, bool bold) const {
  const float w = impl_->walk(decode_utf8(utf8), size, bold, [](char32_t, float) {});
  return {w, size};
}

TextMeasure Font::measurer() const {
  return [font = *this](std::string_view s, float size, bool bold) { return font.measure(s, size, bold); };
}

void Font::draw(Image& image, Point top_left, std::string_view utf8, float size, bool bold, Color colour) const {
  if (!(std::fabs(top_left.x) < 1e6f && std::fabs(top_left.y) < 1e6f)) return;  // far off (or NaN)
  Impl& im = *impl_;
  const Face& f = im.face(bold);
  // A baseline on a whole pixel keeps stems crisp.
  const int baseline = int(std::lround(top_left.y + f.ascent * f.scale(size)));
  std::lock_guard lock(im.mutex);
  im.walk(decode_utf8(utf8), size, bold, [&](char32_t cp, float pen) {
    const float x = top_left.x + pen;
    const int whole = int(std::floor(x));
    const int phase = std::min(subpixels - 1, int((x - whole) * subpixels));
    const Glyph& g = im.glyph(bold, cp, size, phase);
    for (int j = 0; j < g.h; ++j) {
      for (int i = 0; i < g.w; ++i) {
        const unsigned char a = g.alpha[std::size_t(j) * g.w + i];
        if (a) image.blend(whole + g.x0 + i, baseline + g.y0 + j, colour, a / 255.0f);
      }
    }
  });
}

const Font& default_font() {
  static const Font font = [] {
    const std::filesystem::path dir = "/usr/share/fonts/truetype/dejavu";
    const auto regular = dir / "DejaVuSans.ttf", bold = dir / "DejaVuSans-Bold.ttf";
    if (!std::filesystem::exists(regular))
      throw std::runtime_error("plot: font not found: " + regular.string() + " (install the Debian package fonts-dejavu-core)");
    return Font(regular, std::filesystem::exists(bold) ? bold : std::filesystem::path{});
  }();
  return font;
}

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    // n continuation bytes follow the lead byte.
    const int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    bool ok = n >= 0 && i + n < s.size();
    for (int k = 1; ok && k <= n; ++k) {
      const unsigned char cc = s[i + k];
      ok = (cc >> 6) == 0x2;
      cp = (cp << 6) | (cc & 0x3F);
    }
    out += ok ? cp : U'\uFFFD';
    i += ok ? n + 1 : 1;
  }
  return out;
}

}  // namespace adoptsim::plot
