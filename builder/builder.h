// The facade the CLI and the IDE use.
//
//   Keel::BuildOptions options;            // debug, no ISO
//   Keel::BuildResult result = Keel::Builder::build(QDir::currentPath(), options);
//   for (const auto &d : result.diagnostics) std::fputs(qPrintable(d.render() + '\n'), stderr);
//
// `keel features` / the configurator:
//   auto config = Keel::Builder::configure(dir, &diags); // even when resolution fails
//   config->resolver->why(u"serial"_s);
#pragma once

#include "buildplan.h"
#include "buildrunner.h"
#include "diagnostic.h"
#include "featureresolver.h"
#include "keeltree.h"
#include "manifestregistry.h"
#include "project.h"

#include <functional>
#include <memory>
#include <optional>

namespace Keel {

struct BuildOptions {
    Profile profile = Profile::Debug;
    Iso iso = Iso::No;
};

// A loaded project with its Keel tree, module registry and resolved features.
struct Configuration {
    KeelTree tree{QString()};
    Project project;
    std::unique_ptr<ManifestRegistry> registry;
    std::unique_ptr<FeatureResolver> resolver;
    bool resolved = false; // false: resolver holds the partial state of a failed resolution
};

class Builder
{
public:
    // Loads keel.toml (searching upward from projectPath), the tree and manifests, and resolves
    // features. nullopt only when the project or manifests cannot be loaded at all.
    static std::optional<Configuration> configure(const QString &projectPath,
                                                  Diagnostics *diagnostics);

    // configure() + writes gen/keel/config.h and build.ninja (each only when changed).
    static std::optional<BuildPlan> prepare(const QString &projectPath,
                                            const BuildOptions &options,
                                            Diagnostics *diagnostics);
    static std::optional<BuildPlan> prepare(const Configuration &config,
                                            const BuildOptions &options,
                                            Diagnostics *diagnostics);

    // prepare() + checks tools + runs ninja synchronously. Connect to `runner` signals by
    // passing a callback that receives the runner before it starts.
    static BuildResult build(const QString &projectPath, const BuildOptions &options,
                             const std::function<void(BuildRunner &)> &connect = {});
};

} // namespace Keel
