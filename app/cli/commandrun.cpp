// keel run [--headless] [--release] [--machine M] [--memory SIZE] [--cpus N] [--accel A]
//          [--cmdline STR] [--expect REGEX] [--timeout SECONDS]
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"
#include "projectbuild.h"
#include "projectloader.h"
#include "projectrunprofile.h"
#include "runsession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Keel::Cli {

namespace {

constexpr int kMaxCpus = 255;
constexpr double kDefaultExpectTimeoutSeconds = 30;

} // namespace

void addProfileOptions(CommandParser &parser)
{
    parser.addOption({QStringLiteral("machine"), QStringLiteral("pc, q35 or microvm (default: [run] machine)."), QStringLiteral("M")});
    parser.addOption({QStringLiteral("memory"), QStringLiteral("Guest RAM, e.g. 4M (default: [run] memory)."), QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("cpus"), QStringLiteral("Number of vCPUs, 1–255."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("accel"), QStringLiteral("auto, kvm or tcg (auto: KVM only where it works)."), QStringLiteral("A")});
    parser.addOption({QStringLiteral("cmdline"), QStringLiteral("Kernel command line (main's argv)."), QStringLiteral("STR")});
    parser.addOption({QStringLiteral("publish"), QStringLiteral("Forward host port HOST to guest port GUEST ([udp:]HOST:GUEST, "
                                                                "repeatable; adds to [run] publish)."), QStringLiteral("HOST:GUEST")});
}

// Applies the command-line overrides to the profile from keel.toml; a usage error on bad values.
std::optional<int> applyOverrides(CommandParser &parser, RunProfile &profile)
{
    if (parser.isSet(QStringLiteral("machine"))) {
        const auto machine = qemuMachineFromName(parser.value(QStringLiteral("machine")));
        if (!machine)
            return parser.usageError(QStringLiteral("--machine '%1' is not one of pc, q35, microvm").arg(parser.value(QStringLiteral("machine"))));
        profile.machine = *machine;
    }
    if (auto exit = readMemoryOption(parser, profile.memoryBytes))
        return *exit;
    if (parser.isSet(QStringLiteral("cpus"))) {
        bool ok = false;
        const int cpus = parser.value(QStringLiteral("cpus")).toInt(&ok);
        if (!ok || cpus < 1 || cpus > kMaxCpus)
            return parser.usageError(QStringLiteral("--cpus '%1' is out of range 1–%2").arg(parser.value(QStringLiteral("cpus"))).arg(kMaxCpus));
        profile.cpus = cpus;
    }
    if (parser.isSet(QStringLiteral("accel"))) {
        const auto accel = qemuAccelFromName(parser.value(QStringLiteral("accel")));
        if (!accel)
            return parser.usageError(QStringLiteral("--accel '%1' is not one of auto, kvm, tcg").arg(parser.value(QStringLiteral("accel"))));
        profile.accel = *accel;
    }
    if (parser.isSet(QStringLiteral("cmdline")))
        profile.kernelCmdline = parser.value(QStringLiteral("cmdline"));
    for (const QString &text : parser.parser().values(QStringLiteral("publish"))) {
        const auto forward = HostForward::fromString(text);
        if (!forward)
            return parser.usageError(QStringLiteral("--publish '%1' is not [tcp:|udp:]HOST:GUEST with ports 1-65535, e.g. 8080:80").arg(text));
        profile.portForwards << *forward;
    }
    return std::nullopt;
}

namespace {

void addRunOptions(CommandParser &parser)
{
    parser.addOption({QStringLiteral("headless"), QStringLiteral("Stream the serial output to stdout with no display "
                                                                 "(always so; Keel Studio's Run shows a VGA display).")});
    parser.addOption({QStringLiteral("release"), QStringLiteral("Run the release image.")});
    addProfileOptions(parser);
    parser.addOption({QStringLiteral("expect"), QStringLiteral("Exit 0 as soon as the output matches REGEX."), QStringLiteral("REGEX")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after SECONDS with exit code 124 "
                                                                "(default: 30 with --expect, else none)."), QStringLiteral("SECONDS")});
}

std::optional<int> readExpectAndTimeout(CommandParser &parser, RunRequest &request)
{
    if (parser.isSet(QStringLiteral("expect"))) {
        QRegularExpression expect(parser.value(QStringLiteral("expect")));
        if (!expect.isValid())
            return parser.usageError(QStringLiteral("--expect: %1 at offset %2 of '%3'")
                                         .arg(expect.errorString()).arg(expect.patternErrorOffset()).arg(expect.pattern()));
        request.expect = expect;
        request.timeoutSeconds = kDefaultExpectTimeoutSeconds;
    }
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || seconds <= 0)
            return parser.usageError(QStringLiteral("--timeout '%1' must be a positive number of seconds").arg(parser.value(QStringLiteral("timeout"))));
        request.timeoutSeconds = seconds;
    }
    return std::nullopt;
}

// Rejects bad option values before any work; they are applied over keel.toml's later.
std::optional<int> checkOverrides(CommandParser &parser)
{
    RunProfile validated;
    return applyOverrides(parser, validated);
}

// keel.toml's [run] with the options applied, and its missing disk images created.
std::optional<int> runProfileFor(CommandParser &parser, const Project &project, RunProfile &profile)
{
    profile = runProfileFromProject(project.run);
    if (auto exit = applyOverrides(parser, profile))
        return *exit;
    QString diskError;
    if (createMissingDisks(project.run, &diskError))
        return std::nullopt;
    printError(diskError, QStringLiteral("check that the folder is writable, or create the image with: truncate -s 1M FILE"));
    return kExitError;
}

} // namespace

std::optional<int> prepareRun(CommandParser &parser, const BuildOptions &options, RunProfile &profile, BuildPlan &plan)
{
    if (auto exit = checkOverrides(parser))
        return *exit;
    Diagnostics diagnostics;
    const auto config = configureProject(diagnostics);
    if (!config)
        return kExitError;
    if (auto exit = runProfileFor(parser, config->project, profile))
        return *exit;
    auto prepared = preparePlan(*config, options, diagnostics);
    if (!prepared)
        return kExitError;
    plan = *prepared;
    return std::nullopt;
}

std::optional<int> buildForRun(CommandParser &parser, const BuildOptions &options, RunProfile &profile, BuildResult &build)
{
    BuildPlan plan;
    if (auto exit = prepareRun(parser, options, profile, plan))
        return *exit;
    build = BuildReporter::build(plan, Stream::Err);
    if (!build.ok())
        return BuildReporter::exitCode(build);
    return std::nullopt;
}

int runRunCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("run"),
                         QStringLiteral("Build the project if needed, then boot it in QEMU. Exits with the guest's status\n"
                                        "(main's return value), 0 when --expect matched, 124 on timeout."));
    addRunOptions(parser);
    if (auto exit = parser.parse(arguments))
        return *exit;
    RunRequest request;
    if (auto exit = readExpectAndTimeout(parser, request))
        return *exit;
    BuildOptions options;
    options.profile = parser.isSet(QStringLiteral("release")) ? Profile::Release : Profile::Debug;
    if (auto exit = checkOverrides(parser))
        return *exit;
    // keel.toml alone says how and what to boot; the modules are read while QEMU starts.
    Diagnostics diagnostics;
    const auto project = ProjectLoader::loadSettings(QDir::currentPath(), &diagnostics);
    if (!project) {
        printDiagnostics(diagnostics);
        return kExitError;
    }
    if (auto exit = runProfileFor(parser, *project, request.profile))
        return *exit;
    const BuildPlan location = BuildPlan::locationOf(*project, options.profile);
    request.imagePath = location.imagePath();
    request.unstrippedPath = location.unstrippedPath();
    request.prepareBuild = [options]() -> std::optional<BuildPlan> {
        Diagnostics diagnostics;
        const auto config = configureProject(diagnostics);
        return config ? preparePlan(*config, options, diagnostics) : std::nullopt;
    };
    return RunSession(request).exec();
}

} // namespace Keel::Cli
