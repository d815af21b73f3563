// A record of everything the last successful build depended on, so that `keel run` can tell in
// well under a millisecond (one file read and a few hundred stat() calls) whether the image is
// what a build would produce now, before it starts QEMU.
//
//   const QDateTime started = QDateTime::currentDateTimeUtc();
//   Keel::BuildResult result = Keel::BuildRunner(plan).run();
//   if (result.ok()) Keel::FreshnessStamp::record(plan, started);
//   …
//   if (!Keel::FreshnessStamp::isFresh(plan.buildDir)) rebuild();
//
// The stamp (<buildDir>/.keel-fresh) lists ninja's inputs and their header dependencies, the
// image files, keel.toml and every module.toml, every source folder a glob could read, the
// environment the builder reads and the program that wrote it. It is conservative: whatever
// cannot be checked makes it stale, and the slow path is the normal configure + ninja.
#pragma once

#include "buildplan.h"

#include <QDateTime>
#include <QString>

namespace Keel::FreshnessStamp {

// Call after a successful build of `plan` whose ninja run started at `buildStarted` (taking it
// before Builder::prepare() is stricter: it also catches a source added while prepare globbed).
// The first build of a project records nothing: prepare() creates build/ in the project folder,
// and that folder's mtime is too close to the start to tell from an edit; the next build does.
// Writes <plan.buildDir>/.keel-fresh atomically. Returns false, writes nothing and removes an
// older stamp when it cannot know: ninja's tools failed, an input is missing, or an input
// outside the build folder was modified at/after buildStarted (edited during the build).
bool record(const BuildPlan &plan, const QDateTime &buildStarted, QString *error = nullptr);

// True only when the stamp is well formed, was written by this same program (path, mtime and
// size of /proc/self/exe), the recorded environment is unchanged and every recorded file and
// folder still has its recorded mtime (and size, for files). Plain stat() calls, no Qt I/O.
bool isFresh(const QString &buildDir);

// Removes the stamp, e.g. before a build the caller knows changes things.
void discard(const QString &buildDir);

} // namespace Keel::FreshnessStamp
