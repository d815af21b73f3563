// Finds and checks the external programs Keel Studio runs (qemu-system-x86_64, gdb): the
// settings dialog shows what was found and refuses a path that does not run.
//
//   const QString qemu = Keel::Studio::ToolPaths::detect(Keel::Studio::ToolPaths::kQemu);
//   const auto check = Keel::Studio::ToolPaths::check(qemu);
//   if (!check.ok) warn(check.message);   // else check.message is its --version line
#pragma once

#include <QString>

namespace Keel::Studio::ToolPaths {

inline constexpr char kQemu[] = "qemu-system-x86_64";
inline constexpr char kGdb[] = "gdb";

QString detect(const QString& program); // absolute path found on PATH, or empty

struct Check {
    bool ok = false;
    QString message; // the first line of `--version`, or what is wrong and how to fix it
};

// Runs `path --version` (at most two seconds).
Check check(const QString& path);

} // namespace Keel::Studio::ToolPaths
