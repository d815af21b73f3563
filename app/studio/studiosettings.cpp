#include "studiosettings.h"

#include <QDir>
#include <QSettings>

namespace Keel::Studio::StudioSettings {

namespace {
// Bump when docks are renamed so an old saved layout is not applied to a new window.
constexpr int kLayoutVersion = 1;
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

} // namespace Keel::Studio::StudioSettings
