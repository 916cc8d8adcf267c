#include "theme.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace cc::ui {

namespace {

const QString kThemeKey = QStringLiteral("ui/theme");

// KDE writes the window colour as "r,g,b" under [Colors:Window].
bool kdePrefersDark(bool *known)
{
    const QString path = QDir::homePath() + QStringLiteral("/.config/kdeglobals");
    *known = false;
    if (!QFileInfo::exists(path))
        return false;
    QSettings kde(path, QSettings::IniFormat);
    const QStringList rgb = kde.value(QStringLiteral("Colors:Window/BackgroundNormal")).toStringList();
    if (rgb.size() < 3)
        return false;
    *known = true;
    const QColor colour(rgb.at(0).toInt(), rgb.at(1).toInt(), rgb.at(2).toInt());
    return colour.lightness() < 128;
}

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::System: return QStringLiteral("system");
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    }
    return {};
}

bool parseTheme(const QString &name, Theme *theme)
{
    for (Theme candidate : {Theme::System, Theme::Light, Theme::Dark}) {
        if (name.compare(themeName(candidate), Qt::CaseInsensitive) == 0) {
            *theme = candidate;
            return true;
        }
    }
    return false;
}

QPalette platformPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool desktopPrefersDark()
{
    const QString gtk = qEnvironmentVariable("GTK_THEME");
    if (!gtk.isEmpty())
        return gtk.contains(QLatin1String(":dark"), Qt::CaseInsensitive) || gtk.endsWith(QLatin1String("-dark"), Qt::CaseInsensitive);
    if (qEnvironmentVariable("XDG_CURRENT_DESKTOP").contains(QLatin1String("KDE"), Qt::CaseInsensitive)) {
        bool known = false;
        const bool dark = kdePrefersDark(&known);
        if (known)
            return dark;
    }
    return isDarkPalette(platformPalette());
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x22, 0x25);
    const QColor base(0x17, 0x18, 0x1a);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor muted(0x9a, 0xa0, 0xa6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x33, 0x37));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2d, 0x30, 0x34));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x36, 0x3a));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4e, 0x52));
    p.setColor(QPalette::Dark, QColor(0x12, 0x13, 0x14));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6f, 0x74, 0x79));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x26, 0x28, 0x2c));
    return p;
}

QPalette lightPalette()
{
    const QPalette platform = platformPalette();
    return isDarkPalette(platform) ? QApplication::style()->standardPalette() : platform;
}

void applyTheme(Theme theme)
{
    platformPalette();   // kept before the first change
    const bool dark = theme == Theme::Dark || (theme == Theme::System && desktopPrefersDark());
    if (dark && QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));   // a style that honours the palette
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    QSettings().setValue(kThemeKey, themeName(theme));
}

Theme savedTheme()
{
    Theme theme = Theme::System;
    parseTheme(QSettings().value(kThemeKey).toString(), &theme);
    return theme;
}

} // namespace cc::ui
