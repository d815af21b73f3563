#include "studiosettings.h"
#include "settings/toolpaths.h"

#include <QDir>
#include <QFontDatabase>
#include <QSettings>

namespace Keel::Studio::StudioSettings {

namespace {
// Bump when docks are renamed so an old saved layout is not applied to a new window.
// 2: Kernel Features panel and History dock; 3: debugger docks in three groups.
constexpr int kLayoutVersion = 3;
} // namespace

QByteArray windowGeometry()
{
    return QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray();
}

QByteArray windowState()
{
    QSettings settings;
    if (settings.value(QStringLiteral("mainWindow/layoutVersion")).toInt() != kLayoutVersion)
        return {};
    return settings.value(QStringLiteral("mainWindow/state")).toByteArray();
}

void setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), geometry);
    settings.setValue(QStringLiteral("mainWindow/state"), state);
    settings.setValue(QStringLiteral("mainWindow/layoutVersion"), kLayoutVersion);
}

QString lastProjectParent()
{
    return QSettings().value(QStringLiteral("projects/lastParent"), QDir::homePath()).toString();
}

void setLastProjectParent(const QString& dir)
{
    QSettings().setValue(QStringLiteral("projects/lastParent"), dir);
}

QString qemuPath()
{
    const QString set = QSettings().value(QStringLiteral("tools/qemu")).toString();
    return set.isEmpty() ? ToolPaths::detect(QString::fromLatin1(ToolPaths::kQemu)) : set;
}

void setQemuPath(const QString& path)
{
    QSettings().setValue(QStringLiteral("tools/qemu"), path);
}

QString gdbPath()
{
    const QString set = QSettings().value(QStringLiteral("tools/gdb")).toString();
    return set.isEmpty() ? ToolPaths::detect(QString::fromLatin1(ToolPaths::kGdb)) : set;
}

void setGdbPath(const QString& path)
{
    QSettings().setValue(QStringLiteral("tools/gdb"), path);
}

QString defaultMachine()
{
    return QSettings().value(QStringLiteral("projects/defaultMachine")).toString();
}

void setDefaultMachine(const QString& machine)
{
    QSettings().setValue(QStringLiteral("projects/defaultMachine"), machine);
}

Theme theme()
{
    return themeFromName(QSettings().value(QStringLiteral("appearance/theme")).toString());
}

void setTheme(Theme theme)
{
    QSettings().setValue(QStringLiteral("appearance/theme"), themeName(theme));
}

QFont editorFont()
{
    QFont font;
    const QString stored = QSettings().value(QStringLiteral("appearance/editorFont")).toString();
    if (stored.isEmpty() || !font.fromString(stored))
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return font;
}

void setEditorFont(const QFont& font)
{
    QSettings().setValue(QStringLiteral("appearance/editorFont"), font.toString());
}

} // namespace Keel::Studio::StudioSettings
