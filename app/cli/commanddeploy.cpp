// keel deploy [--connect URI] [--name NAME] [--replicas N] [--memory SIZE] [--pool POOL]
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"
#include "deploy/deployer.h"
#include "deploy/domainxml.h"
#include "deploy/projectrequest.h"
#include "deploycli.h"
#include "projectbuild.h"

namespace Keel::Cli {

namespace {

constexpr int kMaxReplicas = 1000;

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
    return readMemoryOption(parser, request.memoryBytes);
}

// keel.toml's deploy request with the options applied.
DeployRequest requestFor(CommandParser &parser, const Project &project)
{
    DeployRequest request = requestForProject(project);
    readSizes(parser, request); // already validated
    if (parser.isSet(QStringLiteral("name")))
        request.name = parser.value(QStringLiteral("name"));
    request.pool = parser.value(QStringLiteral("pool"));
    return request;
}

// The release image, built with progress on stdout.
std::optional<int> buildRelease(const Configuration &config, Diagnostics &diagnostics, BuildResult &build)
{
    BuildOptions options;
    options.profile = Profile::Release;
    const auto plan = preparePlan(config, options, diagnostics);
    if (!plan)
        return kExitError;
    build = BuildReporter::build(*plan, Stream::Out);
    if (!build.ok())
        return BuildReporter::exitCode(build);
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
    const auto config = configureProject(diagnostics);
    if (!config)
        return kExitError;
    DeployRequest request = requestFor(parser, config->project);
    // A bad URI or a daemon that is down fails before the build, not after it.
    auto connection = DeployCli::connect(parser);
    if (!connection)
        return kExitError;
    BuildResult build;
    if (auto exit = buildRelease(*config, diagnostics, build))
        return *exit;
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
