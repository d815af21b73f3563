// Keel Studio's user settings in QSettings ("Keel" / "Keel Studio"): window geometry and dock
// layout, last project folder. Later: qemu/gdb paths, default machine, theme, editor font.
#pragma once

#include <QByteArray>
#include <QString>

namespace Keel::Studio::StudioSettings {

QByteArray windowGeometry();
QByteArray windowState();
void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

QString lastProjectParent(); // where Open Project and the wizard start browsing
void setLastProjectParent(const QString& dir);

} // namespace Keel::Studio::StudioSettings
