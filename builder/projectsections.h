// Internal: readers for the tables of keel.toml, used by ProjectLoader.
#pragma once

#include "project.h"
#include "tomlreader.h"

namespace Keel::ProjectSections {

void readProject(TomlReader &reader, const toml::table &root, Project &project);
void readKernel(TomlReader &reader, const toml::table &root, Project &project);
void readRun(TomlReader &reader, const toml::table &root, Project &project);

} // namespace Keel::ProjectSections
