#include "cliconsole.h"
#include "commands.h"
#include "helperprogram.h"
#include "nearestname.h"

namespace Keel::Cli {

namespace {

struct Command {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments); // nullptr: the command lives in `helper`
    const char *helper = nullptr;             // executable beside keel that runs it (helperprogram.h)
};

// The deploy commands link libvirt; keel itself does not, so that `keel run` starts fast.
constexpr const char *kDeployHelper = "keel-deploy";

const Command kCommands[] = {
    {"new", "Create a project from a template", runNewCommand},
    {"build", "Build the project's image", runBuildCommand},
    {"run", "Build if needed, then boot the image in QEMU", runRunCommand},
    {"debug", "Boot the image paused and debug it with gdb", runDebugCommand},
    {"features", "List kernel features and why each is on or off", runFeaturesCommand},
    {"size", "Show where the image's bytes go", runSizeCommand},
    {"templates", "List the project templates", runTemplatesCommand},
    {"deploy", "Deploy the release image to libvirt as N replicas (rolling update)", nullptr, kDeployHelper},
    {"ps", "List the deployed pico VMs", nullptr, kDeployHelper},
    {"logs", "Print a deployed pico VM's serial log", nullptr, kDeployHelper},
    {"stop", "Stop deployed pico VMs", nullptr, kDeployHelper},
    {"rm", "Remove deployed pico VMs", nullptr, kDeployHelper},
};

QStringList commandNames()
{
    QStringList names;
    for (const Command &command : kCommands)
        names << QLatin1String(command.name);
    return names;
}

void printHelp()
{
    QString text = QStringLiteral("Usage: keel <command> [options]\n\n"
                                  "Builds a C++ app and the kernel features it needs into one bootable image,\n"
                                  "and boots it in QEMU.\n\nCommands:\n");
    for (const Command &command : kCommands)
        text += QStringLiteral("  %1%2\n").arg(QLatin1String(command.name), -12).arg(QLatin1String(command.summary));
    text += QStringLiteral("\nOptions:\n  -h, --help     Show this help\n  --version      Show keel's version\n\n"
                           "Run 'keel <command> --help' for a command's options. Works from any folder of a project.\n");
    print(text);
}

} // namespace

int dispatch(const QStringList &arguments)
{
    if (arguments.isEmpty()) {
        printHelp();
        return kExitUsage;
    }
    const QString &first = arguments.first();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        if (first == u"help" && arguments.size() > 1)
            return dispatch({arguments[1], QStringLiteral("--help")});
        printHelp();
        return kExitOk;
    }
    if (first == u"--version") {
        printLine(QStringLiteral("keel " KEEL_VERSION));
        return kExitOk;
    }
    for (const Command &command : kCommands) {
        if (first != QLatin1String(command.name))
            continue;
        if (command.helper)
            return HelperProgram::exec(QLatin1String(command.helper), first, arguments.mid(1));
        return command.run(arguments.mid(1));
    }
    const QString what = first.startsWith(u'-') ? QStringLiteral("unknown option '%1'") : QStringLiteral("unknown command '%1'");
    printError(what.arg(first) + NearestName::suggestion(first, commandNames()),
               QStringLiteral("run 'keel --help' to list the commands"));
    return kExitUsage;
}

} // namespace Keel::Cli
