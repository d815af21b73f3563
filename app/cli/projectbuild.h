// What the commands that build the project before they act (run, debug, deploy) share: the
// project in the current directory configured once and its build prepared from that
// configuration, and the guest-memory option. Each function prints what went wrong; the caller
// only returns its exit code.
//
//   Diagnostics diagnostics;
//   const auto config = configureProject(diagnostics);
//   if (!config) return kExitError;
//   const auto plan = preparePlan(*config, options, diagnostics);
//   if (!plan) return kExitError;
//   const BuildResult build = BuildReporter::build(*plan, Stream::Out);
#pragma once

#include "builder.h"

#include <optional>

namespace Keel::Cli {

class CommandParser;

// The project in the current directory, with its features resolved; nullopt after printing
// the diagnostics.
std::optional<Configuration> configureProject(Diagnostics &diagnostics);
// The build of that configuration; warnings (unknown keys, …) are printed even when it works.
std::optional<BuildPlan> preparePlan(const Configuration &config, const BuildOptions &options, Diagnostics &diagnostics);

// --memory SIZE (guest RAM, e.g. 8M, at least 1M): sets bytes when the option is given; a usage
// error on a bad value.
std::optional<int> readMemoryOption(CommandParser &parser, qint64 &bytes);

} // namespace Keel::Cli
