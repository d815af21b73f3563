#include "themes.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace Keel::Studio {

namespace {

struct SystemLook {
    QString styleName;
    QPalette palette;
};

// What the platform gave before any theme was applied, so System can go back to it.
const SystemLook& systemLook()
{
    static const SystemLook kLook {QApplication::style()->name(), QApplication::palette()};
    return kLook;
}

QPalette fixedPalette(const QColor& window, const QColor& base, const QColor& text,
    const QColor& button, const QColor& highlight, const QColor& disabledText)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

Theme themeFromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

namespace Themes {

QPalette palette(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return fixedPalette(QColor("#f3f3f3"), Qt::white, QColor("#1f2328"), QColor("#e8e8e8"),
            QColor("#2f6fde"), QColor("#8c959f"));
    case Theme::Dark:
        return fixedPalette(QColor("#2b2d30"), QColor("#1e1f22"), QColor("#dfe1e5"),
            QColor("#3c3f41"), QColor("#2f65ca"), QColor("#7f8389"));
    case Theme::System:
        break;
    }
    return systemLook().palette;
}

void apply(Theme theme)
{
    const SystemLook& system = systemLook(); // remember it before the first change
    const QString style = theme == Theme::System ? system.styleName : QStringLiteral("Fusion");
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(style));
    QApplication::setPalette(palette(theme));
}

} // namespace Themes

} // namespace Keel::Studio
