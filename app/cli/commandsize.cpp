// keel size [--release]
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"
#include "sizereport.h"

#include <QDir>

namespace Keel::Cli {

namespace {
constexpr int kTopSymbols = 10;
}

int runSizeCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("size"),
                         QStringLiteral("Build if needed, then show the image's size per section, per feature and "
                                        "its largest symbols."));
    parser.addOption({QStringLiteral("release"), QStringLiteral("Report on the release image.")});
    if (auto exit = parser.parse(arguments))
        return *exit;
    BuildOptions options;
    options.profile = parser.isSet(QStringLiteral("release")) ? Profile::Release : Profile::Debug;
    const BuildResult result = BuildReporter::build(QDir::currentPath(), options, Stream::Err);
    if (!result.ok())
        return BuildReporter::exitCode(result);
    QString error;
    const auto report = SizeReport::create(result.unstrippedPath, result.mapPath, kTopSymbols, &error);
    if (!report) {
        printError(error, QStringLiteral("rebuild with 'keel build' and try again"));
        return kExitError;
    }
    print(report->toTable());
    return kExitOk;
}

} // namespace Keel::Cli
