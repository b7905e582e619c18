// The SFML → ImGui input layer, fed synthetic events; checks what ImGui's io then holds.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cfloat>

#include "imgui_sfml_input.hpp"

using adoptsim::viz::SfmlInput;

namespace {

struct Context {
  Context() {
    ImGui::CreateContext();
    SfmlInput::init(ImGui::GetIO());
  }
  ~Context() { ImGui::DestroyContext(); }
  ImGuiIO& io() { return ImGui::GetIO(); }
};

sf::Event key(sf::Event::EventType type, sf::Keyboard::Key code, bool ctrl = false, bool shift = false, bool alt = false, bool system = false) {
  sf::Event e{};
  e.type = type;
  e.key.code = code;
  e.key.control = ctrl;
  e.key.shift = shift;
  e.key.alt = alt;
  e.key.system = system;
  return e;
}

sf::Event button(sf::Event::EventType type, sf::Mouse::Button b, int x, int y) {
  sf::Event e{};
  e.type = type;
  e.mouseButton.button = b;
  e.mouseButton.x = x;
  e.mouseButton.y = y;
  return e;
}

}  // namespace

TEST_CASE("input: mouse moves set the mouse position, leaving the window clears it") {
  Context c;
  SfmlInput in;
  sf::Event e{};
  e.type = sf::Event::MouseMoved;
  e.mouseMove.x = 120;
  e.mouseMove.y = 45;
  in.process(c.io(), e);
  CHECK(c.io().MousePos.x == 120.f);
  CHECK(c.io().MousePos.y == 45.f);
  e.type = sf::Event::MouseLeft;
  in.process(c.io(), e);
  CHECK(c.io().MousePos.x == -FLT_MAX);
}

TEST_CASE("input: buttons are down while held, and a click within one frame still lasts a frame") {
  Context c;
  SfmlInput in;
  in.process(c.io(), button(sf::Event::MouseButtonPressed, sf::Mouse::Right, 10, 20));
  in.new_frame(c.io(), 800, 600, 0.016f);
  CHECK(c.io().MouseDown[1]);
  CHECK_FALSE(c.io().MouseDown[0]);
  CHECK(c.io().MousePos.x == 10.f);
  in.new_frame(c.io(), 800, 600, 0.016f);
  CHECK(c.io().MouseDown[1]);  // still held
  in.process(c.io(), button(sf::Event::MouseButtonReleased, sf::Mouse::Right, 10, 20));
  in.new_frame(c.io(), 800, 600, 0.016f);
  CHECK_FALSE(c.io().MouseDown[1]);

  // Pressed and released between two frames: down for exactly one frame.
  in.process(c.io(), button(sf::Event::MouseButtonPressed, sf::Mouse::Left, 5, 5));
  in.process(c.io(), button(sf::Event::MouseButtonReleased, sf::Mouse::Left, 5, 5));
  in.new_frame(c.io(), 800, 600, 0.016f);
  CHECK(c.io().MouseDown[0]);
  in.new_frame(c.io(), 800, 600, 0.016f);
  CHECK_FALSE(c.io().MouseDown[0]);
}

TEST_CASE("input: vertical and horizontal wheels accumulate separately") {
  Context c;
  SfmlInput in;
  sf::Event e{};
  e.type = sf::Event::MouseWheelScrolled;
  e.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
  e.mouseWheelScroll.delta = 1.5f;
  in.process(c.io(), e);
  in.process(c.io(), e);
  e.mouseWheelScroll.wheel = sf::Mouse::HorizontalWheel;
  e.mouseWheelScroll.delta = -1.f;
  in.process(c.io(), e);
  CHECK(c.io().MouseWheel == doctest::Approx(3.0));
  CHECK(c.io().MouseWheelH == doctest::Approx(-1.0));
}

TEST_CASE("input: keys go through the key map, with modifiers, and losing focus releases them") {
  Context c;
  SfmlInput in;
  CHECK(c.io().KeyMap[ImGuiKey_Backspace] == sf::Keyboard::Backspace);
  CHECK(c.io().KeyMap[ImGuiKey_A] == sf::Keyboard::A);
  in.process(c.io(), key(sf::Event::KeyPressed, sf::Keyboard::A, true, false, false, false));
  CHECK(c.io().KeysDown[c.io().KeyMap[ImGuiKey_A]]);
  CHECK(c.io().KeyCtrl);
  CHECK_FALSE(c.io().KeyShift);
  in.process(c.io(), key(sf::Event::KeyPressed, sf::Keyboard::LShift, true, true, false, false));
  CHECK(c.io().KeyShift);
  in.process(c.io(), key(sf::Event::KeyReleased, sf::Keyboard::A, false, true, true, true));
  CHECK_FALSE(c.io().KeysDown[sf::Keyboard::A]);
  CHECK_FALSE(c.io().KeyCtrl);
  CHECK(c.io().KeyAlt);
  CHECK(c.io().KeySuper);
  in.process(c.io(), key(sf::Event::KeyPressed, sf::Keyboard::Left));
  CHECK(c.io().KeysDown[c.io().KeyMap[ImGuiKey_LeftArrow]]);
  sf::Event lost{};
  lost.type = sf::Event::LostFocus;
  in.process(c.io(), lost);
  CHECK_FALSE(c.io().KeysDown[sf::Keyboard::Left]);
  CHECK_FALSE(c.io().KeyAlt);
  // An unknown key (code -1) is ignored rather than written out of bounds.
  in.process(c.io(), key(sf::Event::KeyPressed, sf::Keyboard::Unknown));
}

TEST_CASE("input: text goes to the input queue, control characters do not") {
  Context c;
  SfmlInput in;
  sf::Event e{};
  e.type = sf::Event::TextEntered;
  for (sf::Uint32 ch : {sf::Uint32('h'), sf::Uint32(8), sf::Uint32(0xE9), sf::Uint32(127), sf::Uint32('!')}) {
    e.text.unicode = ch;
    in.process(c.io(), e);
  }
  REQUIRE(c.io().InputQueueCharacters.Size == 3);
  CHECK(c.io().InputQueueCharacters[0] == 'h');
  CHECK(c.io().InputQueueCharacters[1] == 0xE9);
  CHECK(c.io().InputQueueCharacters[2] == '!');
}

TEST_CASE("input: resize sets the display size, new_frame sets size and a positive time step") {
  Context c;
  SfmlInput in;
  sf::Event e{};
  e.type = sf::Event::Resized;
  e.size.width = 1024;
  e.size.height = 700;
  in.process(c.io(), e);
  CHECK(c.io().DisplaySize.x == 1024.f);
  CHECK(c.io().DisplaySize.y == 700.f);
  in.new_frame(c.io(), 1600, 1000, 0.02f);
  CHECK(c.io().DisplaySize.x == 1600.f);
  CHECK(c.io().DeltaTime == doctest::Approx(0.02));
  in.new_frame(c.io(), 1600, 1000, 0.f);
  CHECK(c.io().DeltaTime > 0.f);  // ImGui asserts on a zero step
}
