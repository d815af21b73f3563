// Commands that live in a helper executable beside `keel`, git-style: `keel deploy …` replaces
// the keel process with `keel-deploy deploy …`. The deploy commands need libvirt, whose ~60
// shared libraries would otherwise be loaded (and relocated) by every `keel run`.
//
//   return HelperProgram::exec(u"keel-deploy"_s, u"ps"_s, arguments); // returns only on failure
#pragma once

#include <QStringList>

namespace Keel::Cli::HelperProgram {

// The helper's path: the folder of the running keel executable + program.
QString path(const QString &program);
// Runs `program command arguments…` in place of this process (stdout/stderr flushed first), so
// exit codes, signals and the terminal behave as if keel ran the command itself. Returns only
// when the helper cannot be started, after printing why: kExitMissingTool.
int exec(const QString &program, const QString &command, const QStringList &arguments);

} // namespace Keel::Cli::HelperProgram
