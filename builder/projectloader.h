// Finds and parses keel.toml (schema: docs/keel-toml.md).
//
//   Keel::Diagnostics diags;                      // errors and warnings, each with file:line:col
//   auto project = Keel::ProjectLoader::load(QDir::currentPath(), &diags);
#pragma once

#include "diagnostic.h"
#include "project.h"

#include <optional>

namespace Keel {

class ProjectLoader
{
public:
    // Walks from startDir up to / looking for keel.toml; empty when there is none.
    static QString findProjectFile(const QString &startDir);

    // startPath may be keel.toml itself or any folder inside the project. Parses, validates and
    // resolves source/asset globs. Warnings (unknown keys) are appended even on success.
    static std::optional<Project> load(const QString &startPath, Diagnostics *diagnostics);
    // load() without resolving the globs: the settings alone, for a caller that does not build
    // (keel run reads where the image is and how to boot it; the build reads the rest).
    static std::optional<Project> loadSettings(const QString &startPath, Diagnostics *diagnostics);

    // Parses TOML text only (no filesystem access; sources stay unresolved).
    static std::optional<Project> parse(const QString &tomlText, const QString &tomlPath,
                                        Diagnostics *diagnostics);

    // Expands sourceGlobs/assetGlobs relative to project.rootDir into project.sources/assets.
    static bool resolveFiles(Project &project, Diagnostics *diagnostics);
};

} // namespace Keel
