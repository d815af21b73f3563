// keel build [--release] [--iso]
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"

#include <QDir>
#include <QFileInfo>

namespace Keel::Cli {

int runBuildCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("build"),
                         QStringLiteral("Build the project's image (build/<profile>/<name>.elf)."));
    parser.addOption({QStringLiteral("release"), QStringLiteral("Optimise for size, strip symbols.")});
    parser.addOption({QStringLiteral("iso"), QStringLiteral("Also make a GRUB-bootable ISO (<name>.iso).")});
    if (auto exit = parser.parse(arguments))
        return *exit;
    BuildOptions options;
    options.profile = parser.isSet(QStringLiteral("release")) ? Profile::Release : Profile::Debug;
    options.iso = parser.isSet(QStringLiteral("iso")) ? Iso::Yes : Iso::No;
    const BuildResult result = BuildReporter::build(QDir::currentPath(), options, Stream::Out);
    if (!result.ok())
        return BuildReporter::exitCode(result);
    const QString relative = QDir::current().relativeFilePath(result.imagePath);
    printLine(QStringLiteral("built %1 (%2 bytes) in %3 ms")
                  .arg(relative).arg(QFileInfo(result.imagePath).size()).arg(result.durationMs));
    if (!result.isoPath.isEmpty())
        printLine(QStringLiteral("built %1").arg(QDir::current().relativeFilePath(result.isoPath)));
    return kExitOk;
}

} // namespace Keel::Cli
