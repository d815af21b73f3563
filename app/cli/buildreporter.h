// BuildReporter: runs the builder for a command and reports on the console — `[n/N] step`
// progress lines, then gcc-style diagnostics — and maps the outcome to keel's exit codes.
//
//   Keel::BuildResult result = Keel::Cli::BuildReporter::build(QDir::currentPath(), options, Stream::Out);
//   if (!result.ok()) return Keel::Cli::BuildReporter::exitCode(result);
//
// An asynchronous build (BuildRunner::start) is reported with a BuildReport:
//   BuildReport report(Stream::Err);
//   report.watch(runner);                       // before runner.start()
//   … on runner.finished(result): report.finish(result);
#pragma once

#include "builder.h"
#include "cliconsole.h"

namespace Keel::Cli {

class BuildReport
{
public:
    // progress: where progress lines go (stdout for `keel build`; stderr for `keel run`, whose
    // stdout belongs to the guest).
    explicit BuildReport(Stream progress) : m_progress(progress) {}

    // Prints the runner's progress lines as they come and keeps its other output for finish().
    // The report must outlive the runner.
    void watch(BuildRunner &runner);
    // The diagnostics; for a failed build without any, the tool output that explains it.
    void finish(const BuildResult &result) const;

private:
    Stream m_progress;
    QStringList m_output;
};

namespace BuildReporter {

// Configures the project at projectPath and builds it.
BuildResult build(const QString &projectPath, const BuildOptions &options, Stream progress);
// Builds an already prepared plan (Builder::prepare), so the project is not read twice.
BuildResult build(const BuildPlan &plan, Stream progress);
int exitCode(const BuildResult &result);

} // namespace BuildReporter
} // namespace Keel::Cli
