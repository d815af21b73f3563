#include "projectbuild.h"

#include "cliconsole.h"
#include "commandparser.h"
#include "sizestring.h"

#include <QDir>

namespace Keel::Cli {

namespace {

constexpr qint64 kMinMemory = 1024 * 1024;

} // namespace

std::optional<Configuration> configureProject(Diagnostics &diagnostics)
{
    auto config = Builder::configure(QDir::currentPath(), &diagnostics);
    if (config && config->resolved)
        return config;
    printDiagnostics(diagnostics);
    return std::nullopt;
}

std::optional<BuildPlan> preparePlan(const Configuration &config, const BuildOptions &options, Diagnostics &diagnostics)
{
    auto plan = Builder::prepare(config, options, &diagnostics);
    printDiagnostics(diagnostics);
    return plan;
}

std::optional<int> readMemoryOption(CommandParser &parser, qint64 &bytes)
{
    if (!parser.isSet(QStringLiteral("memory")))
        return std::nullopt;
    QString error;
    const auto parsed = SizeString::parse(parser.value(QStringLiteral("memory")), &error);
    if (!parsed)
        return parser.usageError(QStringLiteral("--memory: %1").arg(error));
    if (*parsed < quint64(kMinMemory))
        return parser.usageError(QStringLiteral("--memory %1 is out of range: the guest needs at least 1M")
                                     .arg(parser.value(QStringLiteral("memory"))));
    bytes = qint64(*parsed);
    return std::nullopt;
}

} // namespace Keel::Cli
