#include "buildreporter.h"

namespace Keel::Cli {

namespace {

// Ninja echoes the failing command line after "FAILED:"; it is long and says nothing GCC's
// diagnostics do not, so only the other lines (linker errors, tool messages) are kept.
bool isWorthShowing(const QString &line)
{
    return !line.startsWith(QLatin1String("ninja: build stopped")) && !line.startsWith(QLatin1String("ninja: no work"))
        && !line.contains(QLatin1String(" -c ")) && !line.startsWith(QLatin1String("FAILED:"));
}

} // namespace

void BuildReport::watch(BuildRunner &runner)
{
    QObject::connect(&runner, &BuildRunner::progress, [progress = m_progress](int done, int total, const QString &step) {
        printLine(QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(step), progress);
    });
    QObject::connect(&runner, &BuildRunner::outputLine, [this](const QString &line) { m_output << line; });
}

void BuildReport::finish(const BuildResult &result) const
{
    printDiagnostics(result.diagnostics);
    if (result.status == BuildStatus::Failed && !hasErrors(result.diagnostics)) {
        for (const QString &line : m_output) {
            if (isWorthShowing(line))
                printLine(line, Stream::Err);
        }
    }
    if (result.status == BuildStatus::Failed)
        printError(QStringLiteral("build failed"), QStringLiteral("fix the errors above and run the command again"));
    else if (result.status == BuildStatus::Cancelled)
        printError(QStringLiteral("build cancelled"));
}

namespace BuildReporter {

BuildResult build(const QString &projectPath, const BuildOptions &options, Stream progress)
{
    BuildReport report(progress);
    const BuildResult result = Builder::build(projectPath, options, [&report](BuildRunner &runner) { report.watch(runner); });
    report.finish(result);
    return result;
}

BuildResult build(const BuildPlan &plan, Stream progress)
{
    BuildReport report(progress);
    BuildRunner runner(plan);
    report.watch(runner);
    const BuildResult result = runner.run();
    report.finish(result);
    return result;
}

int exitCode(const BuildResult &result)
{
    switch (result.status) {
    case BuildStatus::Ok: return kExitOk;
    case BuildStatus::MissingTool: return kExitMissingTool;
    case BuildStatus::Failed:
    case BuildStatus::Cancelled:
    case BuildStatus::ConfigError: return kExitError;
    }
    return kExitError;
}

} // namespace BuildReporter
} // namespace Keel::Cli
