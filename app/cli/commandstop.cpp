// keel stop [--connect URI] NAME|--all
#include "commands.h"
#include "deploycli.h"

namespace Keel::Cli {

int runStopCommand(const QStringList &arguments)
{
    return DeployCli::runFleetAction(DeployCli::FleetAction::Stop, arguments,
                                     QStringLiteral("Stop a Keel pico VM (NAME-2), every replica of a deployment (NAME), or all of\n"
                                                    "Keel's with --all. They stay defined; 'keel rm' removes them."));
}

} // namespace Keel::Cli
