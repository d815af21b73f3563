// keel ps [--connect URI] [--json]
#include "commandparser.h"
#include "commands.h"
#include "cliconsole.h"
#include "deploy/deployer.h"
#include "deploycli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Keel::Cli {

namespace {

constexpr int kShortHashChars = 8;

QString versionText(const KeelMetadata &metadata)
{
    const QString hash = metadata.imageHash.left(kShortHashChars);
    return metadata.version.isEmpty() ? hash : QStringLiteral("%1 (%2)").arg(metadata.version, hash);
}

QStringList row(const PicoVm &vm)
{
    return {vm.name, vm.state, DeployCli::formatUptime(vm.uptimeMs), DeployCli::formatMemory(vm.memoryBytes),
            versionText(vm.metadata), vm.host};
}

void printTable(const QList<PicoVm> &vms)
{
    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("STATE"), QStringLiteral("UPTIME"),
                             QStringLiteral("MEMORY"), QStringLiteral("VERSION"), QStringLiteral("HOST")}};
    for (const PicoVm &vm : vms)
        rows << row(vm);
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &cells : std::as_const(rows)) {
        for (qsizetype i = 0; i < cells.size(); ++i)
            widths[i] = qMax(widths[i], cells[i].size());
    }
    for (const QStringList &cells : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i)
            line += i + 1 < cells.size() ? cells[i].leftJustified(widths[i] + 2) : cells[i];
        printLine(line);
    }
}

QJsonObject toJson(const PicoVm &vm)
{
    return {{QStringLiteral("name"), vm.name},
            {QStringLiteral("state"), vm.state},
            {QStringLiteral("uptimeMs"), vm.uptimeMs},
            {QStringLiteral("memoryBytes"), vm.memoryBytes},
            {QStringLiteral("project"), vm.metadata.project},
            {QStringLiteral("version"), vm.metadata.version},
            {QStringLiteral("image"), vm.metadata.imageHash},
            {QStringLiteral("deployment"), vm.metadata.deployment},
            {QStringLiteral("replica"), vm.metadata.replica},
            {QStringLiteral("host"), vm.host}};
}

} // namespace

int runPsCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("ps"),
                         QStringLiteral("List Keel's pico VMs on a libvirt host (domains without Keel's metadata are\n"
                                        "not shown)."));
    DeployCli::addConnectOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON array instead of a table.")});
    if (auto exit = parser.parse(arguments))
        return *exit;
    auto connection = DeployCli::connect(parser);
    if (!connection)
        return kExitError;
    QString error;
    const QList<PicoVm> vms = Deployer(*connection).list(&error);
    if (!error.isEmpty()) {
        DeployCli::printFailure(error);
        return kExitError;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const PicoVm &vm : vms)
            array << toJson(vm);
        print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
    } else if (vms.isEmpty()) {
        printLine(QStringLiteral("no Keel pico VMs on %1").arg(connection->uri()));
    } else {
        printTable(vms);
    }
    return kExitOk;
}

} // namespace Keel::Cli
