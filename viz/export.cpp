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
    for (auto& l : f.charts[0].lines)
      if (l.colour == kUsersColour) l.colour = plot::rgb(0x777777);  // so is the white users' line
    const std::string path = dir + "/" + safe_file_name(s.scenario->name) + "-week" + std::to_string(s.week) + ".png";
    plot::save_png(plot::render(f), path);
    return "exported " + path;
  } catch (const std::exception& e) {
    return std::string("could not export: ") + e.what();
  }
}

}  // namespace adoptsim::viz
