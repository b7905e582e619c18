// Groups: the trainer's workbench (issue 12). Pick an activity and one of its sessions so far;
// see the groups (names, teams, roles, categories, skill, stage, who came) and who sat with whom;
// move a person; Evaluate the edit against the scenario's own groups on common random numbers;
// Propose groups under the trainer's constraints; Save a new scenario file and a planning CSV.
#include <imgui.h>

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "app.hpp"

namespace adoptsim::viz {
namespace {

ImVec4 colour(plot::Color c) { return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1); }

// Who sat with whom in the sessions of activity k up to and including week `until`: known
// exactly where the scenario lists the groups (a session seats the listed people who came, as
// listed; sim/grouping.cpp), counted per pair.
std::map<std::pair<int, int>, int> sat_together(const Snapshot& s, int k, int until) {
  std::map<std::pair<int, int>, int> pairs;
  const Intervention& iv = s.scenario->programme[static_cast<std::size_t>(k)];
  if (iv.groups.empty()) return pairs;
  std::vector<std::uint8_t> came(static_cast<std::size_t>(s.structure->people));
  for (const Occurrence& o : s.result.occurrences) {
    if (o.intervention != k || o.week > until) continue;
    std::fill(came.begin(), came.end(), 0);
    for (auto i : o.attendee_ids) came[i] = 1;
    for (const auto& g : iv.groups)
      for (std::size_t a = 0; a < g.size(); ++a)
        for (std::size_t b = a + 1; b < g.size(); ++b)
          if (came[static_cast<std::size_t>(g[a])] && came[static_cast<std::size_t>(g[b])]) {
            ++pairs[{std::min(g[a], g[b]), std::max(g[a], g[b])}];
          }
  }
  return pairs;
}

void paired_line(const char* what, const PairedResult& r, int decimals) {
  ImGui::TextWrapped("%s %+.*f, 90%% interval of the mean [%+.*f, %+.*f]; edited better in %d, worse in %d of %d", what, decimals, r.mean, decimals,
                     r.low, decimals, r.high, r.better, r.worse, r.replicates);
}

}  // namespace

void panel_groups(App& app) {
  ImGui::Begin("Groups", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  const Scenario& sc = *s.scenario;
  const Structure& st = *s.structure;
  GroupsWork& w = app.groups;
  if (w.activity < 0 || w.activity >= static_cast<int>(sc.programme.size()))
    for (std::size_t k = 0; k < sc.programme.size() && w.activity < 0; ++k)
      if (works_in_groups(sc.programme[k].type)) w.choose(sc, st, static_cast<int>(k));
  if (w.activity < 0) {
    ImGui::TextUnformatted("No activity of this scenario works in groups.");
    ImGui::End();
    return;
  }
  const Intervention& iv = sc.programme[static_cast<std::size_t>(w.activity)];

  // Activity and occurrence.
  ImGui::SetNextItemWidth(260);
  if (ImGui::BeginCombo("activity", iv.name.c_str())) {
    for (std::size_t k = 0; k < sc.programme.size(); ++k)
      if (works_in_groups(sc.programme[k].type) && ImGui::Selectable(sc.programme[k].name.c_str(), static_cast<int>(k) == w.activity))
        w.choose(sc, st, static_cast<int>(k));
    ImGui::EndCombo();
  }
  std::vector<const Occurrence*> occ;
  for (const Occurrence& o : s.result.occurrences)
    if (o.intervention == w.activity) occ.push_back(&o);
  if (w.occurrence < 0 || w.occurrence >= static_cast<int>(occ.size())) w.occurrence = static_cast<int>(occ.size()) - 1;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(300);
  const std::string occ_label = occ.empty() ? std::string("no session yet")
                                            : fmt::format("week {}: {} of {} came, {} groups", occ[static_cast<std::size_t>(w.occurrence)]->week,
                                                          occ[static_cast<std::size_t>(w.occurrence)]->attendees, occ[static_cast<std::size_t>(w.occurrence)]->targeted,
                                                          occ[static_cast<std::size_t>(w.occurrence)]->groups);
  if (ImGui::BeginCombo("session", occ_label.c_str())) {
    for (std::size_t j = 0; j < occ.size(); ++j)
      if (ImGui::Selectable(fmt::format("week {}: {} came##{}", occ[j]->week, occ[j]->attendees, j).c_str(), static_cast<int>(j) == w.occurrence))
        w.occurrence = static_cast<int>(j);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("groups %s", w.current_from.c_str());
  const Occurrence* o = occ.empty() ? nullptr : occ[static_cast<std::size_t>(w.occurrence)];
  std::vector<std::uint8_t> came(static_cast<std::size_t>(st.people), 0);
  if (o)
    for (auto i : o->attendee_ids) came[i] = 1;
  const auto pairs = sat_together(s, w.activity, o ? o->week : -1);
  std::vector<int> mates(static_cast<std::size_t>(st.people), 0);
  for (const auto& [p, n] : pairs) ++mates[static_cast<std::size_t>(p.first)], ++mates[static_cast<std::size_t>(p.second)];

  // Left: the edited groups, person by person.
  const float right_width = 560;
  ImGui::BeginChild("##groups", ImVec2(ImGui::GetContentRegionAvail().x - right_width, 0), true);
  const int columns = 8;
  if (ImGui::BeginTable("members", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"name", "team", "role", "category", "skill", "stage", "came", "sat with"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (std::size_t g = 0; g < w.edited.size(); ++g) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool changed = g >= w.current.size() || [&] {
        auto a = w.edited[g], b = w.current[g];
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        return a != b;
      }();
      ImGui::TextColored(changed ? ImVec4(1, 0.8f, 0.3f, 1) : ImVec4(0.6f, 0.8f, 1, 1), "Group %zu (%zu)%s", g + 1, w.edited[g].size(), changed ? " edited" : "");
      for (int c = 1; c < columns; ++c) ImGui::TableNextColumn();
      for (int i : w.edited[g]) {
        const auto ui = static_cast<std::size_t>(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(fmt::format("{}##p{}", st.name(i), i).c_str(), w.selected == i, ImGuiSelectableFlags_SpanAllColumns)) w.selected = i, w.move_to = static_cast<int>(g);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(st.team_names[st.team_of[ui]].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(kRoleNames[static_cast<std::size_t>(idx(st.role[ui]))]).c_str());
        ImGui::TableNextColumn();
        const auto cat = static_cast<std::size_t>(s.category[ui]);
        ImGui::TextColored(colour(kCategoryColours[cat]), "%s%s", std::string(kCategoryNames[cat]).c_str(), st.fixed_category[ui] >= 0 ? "" : "*");
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", s.skill[ui]);
        ImGui::TableNextColumn();
        const auto stage = static_cast<std::size_t>(s.stage[ui]);
        ImGui::TextColored(colour(kStageColours[stage]), "%s", std::string(kStageNames[stage]).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(o ? (came[ui] ? "yes" : "-") : "");
        ImGui::TableNextColumn();
        if (!iv.groups.empty()) ImGui::Text("%d", mates[ui]);
      }
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  // Right: the selected person, the move, Evaluate, Propose, Save.
  ImGui::BeginChild("##work", ImVec2(0, 0), true);
  ImGui::TextDisabled("category* drawn in this run; skill and stage now (week %d)", s.week);
  if (w.selected >= 0) {
    ImGui::Text("%s: %s, %s", st.name(w.selected).c_str(), st.team_names[st.team_of[static_cast<std::size_t>(w.selected)]].c_str(),
                std::string(kRoleNames[static_cast<std::size_t>(idx(st.role[static_cast<std::size_t>(w.selected)]))]).c_str());
    if (iv.groups.empty()) {
      ImGui::TextWrapped("Sat with: not known; this activity's groups are formed by its rule in each session. Save (or Use proposal) lists them.");
    } else {
      std::string with;
      for (const auto& [p, n] : pairs)
        if (p.first == w.selected || p.second == w.selected) with += fmt::format("{}{} ({}x)", with.empty() ? "" : ", ", st.name(p.first == w.selected ? p.second : p.first), n);
      ImGui::TextWrapped("Sat with so far: %s", with.empty() ? "no one yet" : with.c_str());
    }
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("##to", &w.move_to);
    w.move_to = std::clamp(w.move_to, 0, static_cast<int>(w.edited.size()));
    ImGui::SameLine();
    if (ImGui::Button(fmt::format("Move to group {}", w.move_to + 1).c_str())) {
      if (w.move_to == static_cast<int>(w.edited.size())) w.edited.emplace_back();
      w.move(w.selected, w.move_to);
    }
  } else {
    ImGui::TextUnformatted("Click a name to pick a person to move.");
  }
  if (ImGui::Button("Reset edits")) w.edited = w.current;

  ImGui::Separator();
  ImGui::SetNextItemWidth(100);
  ImGui::InputInt("replicates", &w.replicates);
  w.replicates = std::clamp(w.replicates, 2, 10000);
  ImGui::SameLine();
  const bool evaluating = w.evaluate.running;
  if (ImGui::Button(evaluating ? "Evaluating..." : "Evaluate") && !evaluating) w.start_evaluate(sc, app.settings.seed, w.replicates, app.band_threads);
  if (evaluating) {
    const double done = static_cast<double>(w.evaluate.progress.done), planned = std::max<double>(1, static_cast<double>(w.evaluate.progress.planned));
    ImGui::ProgressBar(static_cast<float>(done / planned), ImVec2(-1, 0));
  }
  {
    std::lock_guard lock(w.evaluate.mutex);
    if (!w.evaluate.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", w.evaluate.error.c_str());
    if (w.evaluate.result) {
      const Evaluation& e = *w.evaluate.result;
      ImGui::TextWrapped("Edited minus the scenario's groups, paired on %d replicates (common random numbers, seed %llu):", e.replicates,
                         static_cast<unsigned long long>(e.seed));
      paired_line("learning", e.learning, 4);
      paired_line(fmt::format("adoption wk {}", sc.goal.week).c_str(), e.adoption, 3);
    }
  }

  ImGui::Separator();
  ImGui::TextUnformatted("Propose (the group search) with constraints:");
  ImGui::Checkbox("no one with own manager", &w.no_own_manager);
  ImGui::SameLine();
  ImGui::Checkbox("a manager per group", &w.manager_each);
  ImGui::Checkbox("an early adopter per group", &w.early_adopter_each);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("max per team", &w.max_per_team);
  w.max_per_team = std::max(0, w.max_per_team);
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("size", &w.size);
  w.size = std::max(1, w.size);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("swaps", &w.evaluations);
  w.evaluations = std::clamp(w.evaluations, 0, 100000);
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("groups", &w.groups);
  w.groups = std::clamp(w.groups, 0, 100000);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("min size", &w.min_size);
  w.min_size = std::clamp(w.min_size, 0, 1000);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("max size", &w.max_size);
  w.max_size = std::clamp(w.max_size, 0, 1000);
  ImGui::SetNextItemWidth(-110);
  ImGui::InputText("keep apart", w.apart, sizeof w.apart);
  ImGui::SetNextItemWidth(-110);
  ImGui::InputText("keep together", w.together, sizeof w.together);
  const bool proposing = w.propose.running;
  if (ImGui::Button(proposing ? "Proposing..." : "Propose") && !proposing) w.start_propose(sc, st, app.settings.seed, app.band_threads);
  if (proposing) {
    const double done = static_cast<double>(w.propose.progress.done), planned = std::max<double>(1, static_cast<double>(w.propose.progress.planned));
    ImGui::ProgressBar(static_cast<float>(done / planned), ImVec2(-1, 0));
  }
  {
    std::lock_guard lock(w.propose.mutex);
    if (!w.propose.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", w.propose.error.c_str());
    if (w.propose.result && !proposing) {
      const GroupProposal& p = *w.propose.result;
      ImGui::Text("Proposal: %zu groups; against the scenario's groups:", p.groups.size());
      ImGui::Text("  learning %+.4f [%+.4f, %+.4f], adoption %+.3f", p.versus_own_learning.difference.mean, p.versus_own_learning.difference.p05,
                  p.versus_own_learning.difference.p95, p.versus_own_adoption.difference.mean);
      for (int kind = 0; kind < kConstraintKinds; ++kind)
        if (p.refused_better[static_cast<std::size_t>(kind)] > 0)
          ImGui::Text("  binds: %s (%d better swaps refused)", kConstraintNames[static_cast<std::size_t>(kind)], p.refused_better[static_cast<std::size_t>(kind)]);
      ImGui::BeginChild("##proposal", ImVec2(0, 90), true);
      for (std::size_t g = 0; g < p.groups.size(); ++g) {
        std::string line = fmt::format("{}.", g + 1);
        for (int i : p.groups[g]) line += " " + st.name(i) + ",";
        line.pop_back();
        ImGui::TextWrapped("%s", line.c_str());
      }
      ImGui::EndChild();
      if (ImGui::Button("Use proposal")) w.edited = p.groups;
    }
  }

  ImGui::Separator();
  if (ImGui::Button("Save groups")) {
    try {
      const auto [toml, csv] = save_groups(app.settings.current(), w.activity, w.edited, st, "outputs");
      w.saved = "wrote " + toml.string() + " and " + csv.string();
    } catch (const std::exception& e) {
      w.saved = std::string("save failed: ") + e.what();
    }
  }
  ImGui::SameLine();
  ImGui::TextWrapped("%s", w.saved.empty() ? "a new scenario file and a CSV (group, name, team, role) in outputs/" : w.saved.c_str());
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace adoptsim::viz
