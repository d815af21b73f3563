// The deploy request a Keel project's keel.toml implies ([project] name and version, [run]
// machine, memory, cpus, cmdline and published ports), shared by `keel deploy` and Keel
// Studio's Deploy panel. The caller sets imagePath after building, and may override the rest.
//
//   Keel::DeployRequest request = Keel::requestForProject(config->project);
//   request.imagePath = build.imagePath;
#pragma once

#include "deployrequest.h"
#include "project.h"

namespace Keel {

DeployRequest requestForProject(const Project &project);

} // namespace Keel
