// The compiler and linker flags for every translation unit of an image
// (docs/ARCHITECTURE.md, "Image build").
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace Keel {

enum class Profile { Debug, Release };

QString profileName(Profile profile); // "debug" / "release"
std::optional<Profile> parseProfile(const QString &name);

namespace ImageFlags {

QStringList compileFlags(Profile profile, const QString &keelRoot, const QString &genDir,
                         const QStringList &defines);
// The same flags for C translation units: C's -std, without the C++-only options.
QStringList cFlags(const QStringList &compileFlags);
QStringList linkFlags(Profile profile, const QString &keelRoot);

} // namespace ImageFlags
} // namespace Keel
