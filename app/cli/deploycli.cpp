#include "deploycli.h"

#include "cliconsole.h"
#include "commandparser.h"
#include "deploy/deployer.h"

namespace Keel::Cli::DeployCli {

void addConnectOption(CommandParser &parser)
{
    parser.addOption({QStringLiteral("connect"),
                      QStringLiteral("libvirt URI, e.g. qemu:///system, qemu:///session, qemu+ssh://HOST/system\n"
                                     "(default: $KEEL_CONNECT, else qemu:///system as root when libvirtd runs, "
                                     "else qemu:///session)."),
                      QStringLiteral("URI")});
}

std::unique_ptr<LibvirtConnection> connect(const CommandParser &parser)
{
    const QString uri = parser.isSet(QStringLiteral("connect")) ? parser.value(QStringLiteral("connect")) : LibvirtConnection::defaultUri();
    QString error;
    auto connection = LibvirtConnection::open(uri, &error);
    if (!connection)
        printFailure(error);
    return connection;
}

int runFleetAction(FleetAction action, const QStringList &arguments, const QString &description)
{
    const bool stop = action == FleetAction::Stop;
    CommandParser parser(stop ? QStringLiteral("stop") : QStringLiteral("rm"), description);
    addConnectOption(parser);
    parser.addOption({QStringLiteral("all"), stop ? QStringLiteral("Stop every Keel pico VM on the host.")
                                                  : QStringLiteral("Remove every Keel pico VM on the host.")});
    parser.addPositional(QStringLiteral("name"), QStringLiteral("A pico VM or a deployment."), QStringLiteral("[NAME]"));
    parser.setPositionalRange(0, 1);
    if (auto exit = parser.parse(arguments))
        return *exit;
    const bool all = parser.isSet(QStringLiteral("all"));
    if (all == !parser.positional().isEmpty())
        return *parser.usageError(QStringLiteral("give either a NAME or --all"));
    auto connection = connect(parser);
    if (!connection)
        return kExitError;
    Deployer deployer(*connection);
    deployer.setProgress([](const QString &message) { printLine(message); });
    QString error;
    const QString name = all ? QString() : parser.positional().first();
    const bool ok = stop ? (all ? deployer.stopAll(&error) : deployer.stop(name, &error))
                         : (all ? deployer.removeAll(&error) : deployer.remove(name, &error));
    if (!ok) {
        printFailure(error);
        return kExitError;
    }
    return kExitOk;
}

void printFailure(const QString &error)
{
    static const QString kHint = QStringLiteral("\nhint: ");
    const qsizetype hint = error.indexOf(kHint);
    if (hint < 0)
        return printError(error);
    printError(error.left(hint), error.mid(hint + kHint.size()));
}

QString formatUptime(qint64 milliseconds)
{
    if (milliseconds < 0)
        return QStringLiteral("-");
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 86400)
        return QStringLiteral("%1h %2m").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1d %2h").arg(seconds / 86400).arg(seconds / 3600 % 24, 2, 10, QLatin1Char('0'));
}

QString formatMemory(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

} // namespace Keel::Cli::DeployCli
