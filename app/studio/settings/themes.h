// Application themes: System keeps the platform's style and palette (and so follows a system
// dark mode), Light and Dark switch to the Fusion style with a fixed palette, because the
// platform styles ignore palettes they did not choose. Editors recolour on the palette change.
//
//   Keel::Studio::Themes::apply(Keel::Studio::Theme::Dark);
#pragma once

#include <QPalette>
#include <QString>

namespace Keel::Studio {

enum class Theme { System, Light, Dark };

QString themeName(Theme theme); // "system", "light", "dark"
Theme themeFromName(const QString& name); // unknown → System

namespace Themes {

QPalette palette(Theme theme); // the system palette for System
void apply(Theme theme); // on the running QApplication

} // namespace Themes

} // namespace Keel::Studio
