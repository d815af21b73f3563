// BuildReporter: runs the builder for a command and reports on the console — `[n/N] step`
// progress lines, then gcc-style diagnostics — and maps the outcome to keel's exit codes.
//
//   Keel::BuildResult result = Keel::Cli::BuildReporter::build(QDir::currentPath(), options, Stream::Out);
//   if (!result.ok()) return Keel::Cli::BuildReporter::exitCode(result);
#pragma once

#include "builder.h"
#include "cliconsole.h"

namespace Keel::Cli::BuildReporter {

// progress: where progress lines go (stdout for `keel build`; stderr for `keel run`, whose
// stdout belongs to the guest).
BuildResult build(const QString &projectPath, const BuildOptions &options, Stream progress);
int exitCode(const BuildResult &result);

} // namespace Keel::Cli::BuildReporter
