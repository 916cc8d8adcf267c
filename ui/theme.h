#pragma once
// The console's colour scheme: light, dark, or following the desktop's. Qt 6.4
// has no colour-scheme query of its own (QStyleHints::colorScheme is 6.5), so
// "follow the desktop" reads what the desktop says: GTK_THEME's ":dark"
// variant, KDE's window colour in kdeglobals, or the platform palette Qt was
// started with. Dark is Fusion with a dark palette, for every widget and chart;
// the wall screen is always dark. The choice is remembered.

#include <QPalette>
#include <QString>

namespace cc::ui {

enum class Theme { System, Light, Dark };

// "system", "light", "dark"; parseTheme accepts the same words.
QString themeName(Theme theme);
bool parseTheme(const QString &name, Theme *theme);

// Whether the desktop prefers a dark scheme (see above).
bool desktopPrefersDark();

// The palette Qt started with (the platform's), kept at the first call.
QPalette platformPalette();
QPalette darkPalette();
QPalette lightPalette();

// Applies a theme to the whole application and remembers it (QSettings "ui/theme").
void applyTheme(Theme theme);
// The remembered theme (System when none is).
Theme savedTheme();
// Whether the palette in force is dark.
bool isDarkPalette(const QPalette &palette);

} // namespace cc::ui
