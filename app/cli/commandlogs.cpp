// keel logs [--connect URI] [--follow] NAME
#include "commandparser.h"
#include "commands.h"
#include "cliconsole.h"
#include "deploy/deployer.h"
#include "deploycli.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace Keel::Cli {

namespace {

constexpr int kFollowPollMs = 200;

// Prints what the log gained since the last call.
void printNewBytes(QFile &log)
{
    const QByteArray bytes = log.readAll();
    if (!bytes.isEmpty())
        print(QString::fromUtf8(bytes).remove(u'\r'));
}

// Tails the log until the domain stops (or Ctrl+C ends keel).
void follow(QFile &log, const Deployer &deployer, const QString &name)
{
    while (deployer.isRunning(name)) {
        printNewBytes(log);
        QThread::msleep(kFollowPollMs);
    }
    printNewBytes(log); // the last words of a domain that just stopped
    printNote(QStringLiteral("%1 is not running").arg(name));
}

} // namespace

int runLogsCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("logs"),
                         QStringLiteral("Print a deployed pico VM's serial output (the log file libvirt writes)."));
    DeployCli::addConnectOption(parser);
    parser.addOption({{QStringLiteral("f"), QStringLiteral("follow")},
                      QStringLiteral("Keep printing new output until the pico VM stops or Ctrl+C.")});
    parser.addPositional(QStringLiteral("name"), QStringLiteral("A pico VM, e.g. web-2 (or a deployment of one replica)."));
    parser.setPositionalRange(1, 1);
    if (auto exit = parser.parse(arguments))
        return *exit;
    auto connection = DeployCli::connect(parser);
    if (!connection)
        return kExitError;
    Deployer deployer(*connection);
    QString error;
    const QString path = deployer.logPath(parser.positional().first(), &error);
    if (path.isEmpty()) {
        DeployCli::printFailure(error);
        return kExitError;
    }
    // The domain name: logPath accepted a deployment of one replica too.
    const QString name = QFileInfo(path).fileName().section(QStringLiteral(".serial.log"), 0, 0);
    QFile log(path);
    if (!log.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read %1's serial log %2: %3").arg(name, path, log.errorString()),
                   log.exists() ? QStringLiteral("run keel as root or as the user libvirt runs QEMU as")
                                : QStringLiteral("the pico VM has not started yet, or was removed"));
        return kExitError;
    }
    printNewBytes(log);
    if (parser.isSet(QStringLiteral("follow")))
        follow(log, deployer, name);
    return kExitOk;
}

} // namespace Keel::Cli
