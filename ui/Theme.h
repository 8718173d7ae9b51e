#pragma once

#include <QString>

#include <optional>

class QApplication;

namespace warroom::ui {

// The console's colour scheme. System keeps the platform's style and palette; Light and
// Dark use the Fusion style with a palette of their own, so a war room on a projector or
// at night gets the same readable console on any desktop.
enum class Theme { System, Light, Dark };

QString themeName(Theme theme); // "system", "light", "dark"
std::optional<Theme> parseTheme(const QString &name);

// The theme saved in the user's settings (System when none).
Theme savedTheme();
void saveTheme(Theme theme);

// Applies the theme to the running application; widgets repaint with the new palette.
void applyTheme(QApplication &application, Theme theme);
Theme currentTheme();

// True when the application's window colour is dark (delegates pick readable accents).
bool paletteIsDark();

} // namespace warroom::ui
