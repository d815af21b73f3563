// keel.toml's [run] table (builder's RunSettings) → the emulator's RunProfile, shared by `keel run`,
// `keel debug` and Keel Studio so a project boots the same way from each.
//
//   Keel::RunProfile profile = Keel::runProfileFromProject(project.run);
//   if (!Keel::createMissingDisks(project.run, &error)) ...
#pragma once

#include "emulator/runprofile.h"
#include "project.h"

namespace Keel {

RunProfile runProfileFromProject(const RunSettings &run);

// [run] disks: a missing image is created as disk-size bytes of zeros (a sparse file), so the
// first run of a project with a disk needs no set-up step. On failure, error says which and why.
bool createMissingDisks(const RunSettings &run, QString *error);

} // namespace Keel
