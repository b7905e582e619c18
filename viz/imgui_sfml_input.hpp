// The SFML → Dear ImGui input layer: mouse, wheel, keys with modifiers, text, resize and time.
// ImGui 1.86 predates the key-event API of 1.87, so keys go through io.KeyMap / io.KeysDown with
// SFML's key codes as the indices. Rendering is ImGui's own OpenGL3 backend; this is input only.
#pragma once
#include <array>

#include <SFML/Window/Event.hpp>
#include <imgui.h>

namespace adoptsim::viz {

class SfmlInput {
 public:
  // Sets the key map and the backend name; call once after ImGui::CreateContext().
  static void init(ImGuiIO& io);

  // Feeds one window event into `io`. Returns true when ImGui wants that kind of input (so the
  // application should not act on it as well).
  bool process(ImGuiIO& io, const sf::Event& e);

  // Before ImGui::NewFrame(): display size, time step and the mouse buttons of this frame. A
  // button pressed and released between two frames still counts as down for one frame, so that
  // fast clicks are not lost.
  void new_frame(ImGuiIO& io, float width, float height, float dt_seconds);

 private:
  std::array<bool, 5> held_{}, pressed_{};
};

}  // namespace adoptsim::viz
