#include "imgui_sfml_input.hpp"

#include <algorithm>
#include <cfloat>

namespace adoptsim::viz {
namespace {

int button_index(sf::Mouse::Button b) {
  switch (b) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    case sf::Mouse::XButton1: return 3;
    case sf::Mouse::XButton2: return 4;
    default: return -1;
  }
}

void set_modifiers(ImGuiIO& io, const sf::Event::KeyEvent& k) {
  io.KeyCtrl = k.control;
  io.KeyShift = k.shift;
  io.KeyAlt = k.alt;
  io.KeySuper = k.system;
}

}  // namespace

void SfmlInput::init(ImGuiIO& io) {
  io.BackendPlatformName = "adoptsim_sfml_input";
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
}

bool SfmlInput::process(ImGuiIO& io, const sf::Event& e) {
  switch (e.type) {
    case sf::Event::MouseMoved:
      io.MousePos = ImVec2(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
      return io.WantCaptureMouse;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      io.MousePos = ImVec2(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
      const int b = button_index(e.mouseButton.button);
      if (b < 0) return io.WantCaptureMouse;
      const bool down = e.type == sf::Event::MouseButtonPressed;
      held_[b] = down;
      if (down) pressed_[b] = true;
      return io.WantCaptureMouse;
    }
    case sf::Event::MouseWheelScrolled:
      if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
        io.MouseWheel += e.mouseWheelScroll.delta;
      else
        io.MouseWheelH += e.mouseWheelScroll.delta;
      return io.WantCaptureMouse;
    case sf::Event::MouseLeft:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      return false;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      set_modifiers(io, e.key);
      const int code = e.key.code;
      if (code >= 0 && code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[code] = e.type == sf::Event::KeyPressed;
      return io.WantCaptureKeyboard;
    }
    case sf::Event::TextEntered: {
      const sf::Uint32 c = e.text.unicode;
      if (c >= 32 && c != 127) io.AddInputCharacter(c);
      return io.WantTextInput;
    }
    case sf::Event::Resized:
      io.DisplaySize = ImVec2(static_cast<float>(e.size.width), static_cast<float>(e.size.height));
      return false;
    case sf::Event::LostFocus:
      // Keys released while the window had no focus never reach us: forget them.
      std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
      io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
      held_.fill(false);
      return false;
    default:
      return false;
  }
}

void SfmlInput::new_frame(ImGuiIO& io, float width, float height, float dt_seconds) {
  io.DisplaySize = ImVec2(width, height);
  io.DeltaTime = std::max(dt_seconds, 1e-5f);
  for (int b = 0; b < 5; ++b) {
    io.MouseDown[b] = held_[b] || pressed_[b];
    pressed_[b] = false;
  }
}

}  // namespace adoptsim::viz
