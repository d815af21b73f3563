// The keel commands. Each lives in its own commandX.cpp and receives the arguments after its
// name; the dispatcher (commanddispatcher.cpp) holds the table that maps names to them.
#pragma once

#include <QStringList>

namespace Keel::Cli {

int runNewCommand(const QStringList &arguments);
int runBuildCommand(const QStringList &arguments);
int runRunCommand(const QStringList &arguments);
int runDebugCommand(const QStringList &arguments);
int runFeaturesCommand(const QStringList &arguments);
int runSizeCommand(const QStringList &arguments);
int runTemplatesCommand(const QStringList &arguments);
int runDeployCommand(const QStringList &arguments);
int runPsCommand(const QStringList &arguments);
int runLogsCommand(const QStringList &arguments);
int runStopCommand(const QStringList &arguments);
int runRmCommand(const QStringList &arguments);

// argv without the program name.
int dispatch(const QStringList &arguments);

} // namespace Keel::Cli
