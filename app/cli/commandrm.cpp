// keel rm [--connect URI] NAME|--all
#include "commands.h"
#include "deploycli.h"

namespace Keel::Cli {

int runRmCommand(const QStringList &arguments)
{
    return DeployCli::runFleetAction(DeployCli::FleetAction::Remove, arguments,
                                     QStringLiteral("Remove a Keel pico VM (NAME-2), every replica of a deployment (NAME), or all of\n"
                                                    "Keel's with --all: stopped, undefined, serial log and unused image volume deleted.\n"
                                                    "Domains without Keel's metadata are never touched."));
}

} // namespace Keel::Cli
