#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

const QString ThemeKey = u"appearance/theme"_s;

Theme s_current = Theme::System;
QString s_systemStyle; // the platform's style, remembered before Fusion replaces it

QPalette darkPalette()
{
    // Contrast checked on screenshots: text on base and window stays above 10:1, links
    // and highlights readable on both.
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor alternate(0x27, 0x29, 0x2d);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x83, 0x88);
    const QColor button(0x36, 0x38, 0x3d);
    const QColor highlight(0x3d, 0x7e, 0xd6);

    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x48, 0x4b, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x46));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x94, 0xf0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    return p;
}

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return u"system"_s;
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    }
    return u"system"_s;
}

std::optional<Theme> parseTheme(const QString &name)
{
    for (const Theme theme : {Theme::System, Theme::Light, Theme::Dark})
        if (name.compare(themeName(theme), Qt::CaseInsensitive) == 0)
            return theme;
    return std::nullopt;
}

Theme savedTheme()
{
    return parseTheme(QSettings().value(ThemeKey).toString()).value_or(Theme::System);
}

void saveTheme(Theme theme)
{
    QSettings().setValue(ThemeKey, themeName(theme));
}

void applyTheme(QApplication &application, Theme theme)
{
    if (s_systemStyle.isEmpty() && application.style())
        s_systemStyle = application.style()->name();
    s_current = theme;
    if (theme == Theme::System) {
        if (QStyle *style
            = QStyleFactory::create(s_systemStyle.isEmpty() ? u"Fusion"_s : s_systemStyle))
            QApplication::setStyle(style);
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(
        theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

Theme currentTheme()
{
    return s_current;
}

bool paletteIsDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace warroom::ui
