// keel deploy [--connect URI] [--name NAME] [--replicas N] [--memory SIZE] [--pool POOL]
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"
#include "deploy/deployer.h"
#include "deploy/domainxml.h"
#include "deploy/projectrequest.h"
#include "deploycli.h"
#include "sizestring.h"

#include <QDir>

namespace Keel::Cli {

namespace {

constexpr int kMaxReplicas = 1000;
constexpr qint64 kMinMemory = 1024 * 1024;

void addDeployOptions(CommandParser &parser)
{
    DeployCli::addConnectOption(parser);
    parser.addOption({QStringLiteral("name"), QStringLiteral("Deployment name; replicas are NAME-1, NAME-2, … "
                                                             "(default: the project's name)."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("replicas"), QStringLiteral("Number of pico VMs (default: 1)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("memory"), QStringLiteral("Guest RAM of each, e.g. 8M (default: [run] memory)."),
                      QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("pool"), QStringLiteral("libvirt storage pool for the image (default: keel, "
                                                             "created when missing)."), QStringLiteral("POOL")});
}

// Reads --replicas and --memory into the request; a usage error on bad values.
std::optional<int> readSizes(CommandParser &parser, DeployRequest &request)
{
    if (parser.isSet(QStringLiteral("replicas"))) {
        bool ok = false;
        request.replicas = parser.value(QStringLiteral("replicas")).toInt(&ok);
        if (!ok || request.replicas < 1 || request.replicas > kMaxReplicas)
            return parser.usageError(QStringLiteral("--replicas '%1' is out of range 1–%2")
                                         .arg(parser.value(QStringLiteral("replicas"))).arg(kMaxReplicas));
    }
    if (parser.isSet(QStringLiteral("memory"))) {
        QString error;
        const auto bytes = SizeString::parse(parser.value(QStringLiteral("memory")), &error);
        if (!bytes)
            return parser.usageError(QStringLiteral("--memory: %1").arg(error));
        if (*bytes < quint64(kMinMemory))
            return parser.usageError(QStringLiteral("--memory %1 is out of range: the guest needs at least 1M")
                                         .arg(parser.value(QStringLiteral("memory"))));
        request.memoryBytes = qint64(*bytes);
    }
    return std::nullopt;
}

} // namespace

int runDeployCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("deploy"),
                         QStringLiteral("Build the release image and run it as libvirt domains NAME-1…NAME-N. Deploying\n"
                                        "again replaces the running replicas one at a time (rolling)."));
    addDeployOptions(parser);
    if (auto exit = parser.parse(arguments))
        return *exit;
    // Validate the options before any work; they are applied over keel.toml's below.
    DeployRequest validated;
    if (auto exit = readSizes(parser, validated))
        return *exit;
    Diagnostics diagnostics;
    const auto config = Builder::configure(QDir::currentPath(), &diagnostics);
    if (!config || !config->resolved) {
        printDiagnostics(diagnostics);
        return kExitError;
    }
    DeployRequest request = requestForProject(config->project);
    readSizes(parser, request);
    if (parser.isSet(QStringLiteral("name")))
        request.name = parser.value(QStringLiteral("name"));
    request.pool = parser.value(QStringLiteral("pool"));
    auto connection = DeployCli::connect(parser);
    if (!connection)
        return kExitError;
    BuildOptions options;
    options.profile = Profile::Release;
    const BuildResult build = BuildReporter::build(config->project.rootDir, options, Stream::Out);
    if (!build.ok())
        return BuildReporter::exitCode(build);
    request.imagePath = build.imagePath;
    if (const QString note = DomainXml::machineNote(request.machine); !note.isEmpty())
        printNote(note);
    Deployer deployer(*connection);
    deployer.setProgress([](const QString &message) { printLine(message); });
    QString error;
    if (!deployer.deploy(request, &error)) {
        DeployCli::printFailure(error);
        return kExitError;
    }
    printLine(QStringLiteral("deployed %1: %2 × %3 %4 on %5 (%6)")
                  .arg(request.name).arg(request.replicas).arg(request.project, request.version,
                                                              connection->uri(), connection->hostName()));
    return kExitOk;
}

} // namespace Keel::Cli
