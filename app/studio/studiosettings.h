// Keel Studio's user settings in QSettings ("Keel" / "Keel Studio"): window geometry and dock
// layout, last project folder, qemu and gdb paths, default machine, theme and editor font.
// The Settings dialog edits them; run/debug read the tool paths from here.
#pragma once

#include "settings/themes.h"

#include <QByteArray>
#include <QFont>
#include <QString>

namespace Keel::Studio::StudioSettings {

QByteArray windowGeometry();
QByteArray windowState();
void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

QString lastProjectParent(); // where Open Project and the wizard start browsing
void setLastProjectParent(const QString& dir);

// Tool paths as set, or auto-detected on PATH when never set (empty when not found).
QString qemuPath();
void setQemuPath(const QString& path); // empty: detect again next time
QString gdbPath();
void setGdbPath(const QString& path);

// The machine the New Project wizard starts with; empty means the template's own choice, so
// the project comes out exactly as `keel new` makes it.
QString defaultMachine();
void setDefaultMachine(const QString& machine);

Theme theme();
void setTheme(Theme theme);

QFont editorFont(); // the system fixed-width font unless the user chose one
void setEditorFont(const QFont& font);

} // namespace Keel::Studio::StudioSettings
