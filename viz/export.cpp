#include "export.hpp"

#include "app.hpp"
#include "file_names.hpp"
#include "png.hpp"
#include "raster.hpp"

namespace adoptsim::viz {

std::string export_charts(const App& app, const std::string& dir) {
  try {
    const Snapshot& s = *app.snap;
    plot::Figure f;
    f.title = s.scenario->name + ", week " + std::to_string(s.week);
    f.columns = 2;
    f.size = {1600, 1500};
    // Colours chosen for the dark window; the light export uses the same series.
    f.charts = {curves_chart(app), stages_chart(s), people_chart(s), budget_chart(s), kirkpatrick_chart(s)};
    f.charts[0].lines.back().colour = plot::rgb(0x222222);  // the yellow goal-group line is weak on white
    // Lines drawn light for the dark window (all users, skill) would vanish on white: dark grey.
    for (auto& c : f.charts)
      for (auto& l : c.lines)
        if (!plot::is_automatic(l.colour) && 0.2126 * l.colour.r + 0.7152 * l.colour.g + 0.0722 * l.colour.b > 215) l.colour = plot::rgb(0x666666);
    const std::string path = dir + "/" + safe_file_name(s.scenario->name) + "-week" + std::to_string(s.week) + ".png";
    plot::save_png(plot::render(f), path);
    return "exported " + path;
  } catch (const std::exception& e) {
    return std::string("could not export: ") + e.what();
  }
}

}  // namespace adoptsim::viz
