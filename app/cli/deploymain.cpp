// keel-deploy: the commands of keel that need libvirt (deploy, ps, logs, stop, rm). `keel`
// replaces itself with this program for them (helperprogram.h), so only they load libvirt's
// shared libraries. Run directly, it takes the same arguments: keel-deploy ps --json.
#include "cliconsole.h"
#include "commands.h"

#include <QCoreApplication>

namespace {

struct DeployCommand {
    const char *name;
    int (*run)(const QStringList &arguments);
};

const DeployCommand kDeployCommands[] = {
    {"deploy", Keel::Cli::runDeployCommand}, {"ps", Keel::Cli::runPsCommand},     {"logs", Keel::Cli::runLogsCommand},
    {"stop", Keel::Cli::runStopCommand},     {"rm", Keel::Cli::runRmCommand},
};

int dispatchDeployCommand(const QStringList &arguments)
{
    const QString first = arguments.value(0);
    for (const DeployCommand &command : kDeployCommands) {
        if (first == QLatin1String(command.name))
            return command.run(arguments.mid(1));
    }
    Keel::Cli::printError(QStringLiteral("keel-deploy runs deploy, ps, logs, stop and rm, not '%1'").arg(first),
                          QStringLiteral("run 'keel --help' to list every command"));
    return Keel::Cli::kExitUsage;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Messages and usage lines say "keel": to the user these are keel's commands.
    QCoreApplication::setApplicationName(QStringLiteral("keel"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));
    return dispatchDeployCommand(QCoreApplication::arguments().mid(1));
}
