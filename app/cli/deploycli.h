// What keel deploy / ps / logs / stop / rm share: the --connect option, the default libvirt URI
// and opening the connection with an error the user can act on.
//
//   CommandParser parser(u"ps"_s, u"..."_s);
//   DeployCli::addConnectOption(parser);
//   if (auto exit = parser.parse(arguments)) return *exit;
//   auto connection = DeployCli::connect(parser);
//   if (!connection) return kExitError;          // the error is printed
#pragma once

#include "deploy/libvirtconnection.h"

#include <memory>

namespace Keel::Cli {

class CommandParser;

namespace DeployCli {

void addConnectOption(CommandParser &parser);
// --connect, else LibvirtConnection::defaultUri(). nullptr after printing why.
std::unique_ptr<LibvirtConnection> connect(const CommandParser &parser);
enum class FleetAction { Stop, Remove };
// keel stop / keel rm: NAME (a pico VM or a deployment) or --all, progress on stdout.
int runFleetAction(FleetAction action, const QStringList &arguments, const QString &description);

// Prints a deploy-library error ("what\nhint: how") as `keel: error: …` with its hint.
void printFailure(const QString &error);
// "3m 04s"; "-" for a negative duration.
QString formatUptime(qint64 milliseconds);
// "8.0 MiB".
QString formatMemory(qint64 bytes);

} // namespace DeployCli
} // namespace Keel::Cli
