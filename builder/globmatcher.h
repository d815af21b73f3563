// Expands file globs: `*` and `?` within one path component, `**` across folders, and leading
// `../` components, e.g. "src/**/*.cpp" or "../arch/x86_64/*.S".
//
//   QStringList files = Keel::GlobMatcher::expand(projectDir, u"src/**/*.cpp"_s);
#pragma once

#include <QString>
#include <QStringList>

namespace Keel::GlobMatcher {

bool hasWildcards(const QString &glob);

// Absolute, cleaned, sorted paths of existing regular files matching glob under baseDir.
// A glob without wildcards yields the file itself if it exists. Folders named "build" and
// hidden folders are skipped during recursive walks.
QStringList expand(const QString &baseDir, const QString &glob);

// True if relativePath (with '/' separators) matches glob.
bool matches(const QString &glob, const QString &relativePath);

} // namespace Keel::GlobMatcher
