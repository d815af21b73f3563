// RunSession: one `keel run` — brings the image up to date and boots it with QemuRunner (both at
// once, see RunStarter), streams the guest's serial output to stdout as raw bytes, watches for
// --expect and --timeout, and turns the outcome into the exit code (0 expected output seen, 124
// timeout, 127 no QEMU, 128+N after signal N, the build's code when it fails, else the guest's
// status). Ctrl+C or a kill stops the build and QEMU and removes the runtime directory before
// keel exits.
#pragma once

#include "builder.h"
#include "emulator/qemurunner.h"
#include "project.h"
#include "runstarter.h"

#include <QRegularExpression>
#include <QTimer>
#include <optional>

namespace Keel::Cli {

class CommandParser;

// In commandrun.cpp; `keel debug` takes the same machine options.
void addProfileOptions(CommandParser &parser); // --machine --memory --cpus --accel --cmdline
// Applies those options over profile; an exit code on a bad value (usage error printed).
std::optional<int> applyOverrides(CommandParser &parser, RunProfile &profile);
// Reads the project once: profile = keel.toml's [run] with the options applied (missing disk
// images created); plan = the build, prepared but not run. An exit code when the options or the
// project are bad (already reported).
std::optional<int> prepareRun(CommandParser &parser, const BuildOptions &options, RunProfile &profile, BuildPlan &plan);
// prepareRun, then the build, with progress on stderr. An exit code when it fails (reported).
std::optional<int> buildForRun(CommandParser &parser, const BuildOptions &options, RunProfile &profile, BuildResult &build);

struct RunRequest {
    QString imagePath;      // where the build puts the image
    QString unstrippedPath; // for resolving panic stack traces
    // The rest of the project (modules, features) and the build files; runs while QEMU starts.
    RunStarter::PrepareBuild prepareBuild;
    RunProfile profile;
    std::optional<QRegularExpression> expect;
    double timeoutSeconds = 0; // 0: none
};

class RunSession : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxWatchedText = 256 * 1024;

    explicit RunSession(const RunRequest &request, QObject *parent = nullptr);
    int exec();

private:
    void onStarted();
    void onData(const QByteArray &bytes);
    void onTimeout();
    void onTerminationSignal(int signalNumber);
    int signalExitCode();
    int exitCodeFor(const RunResult &result);
    int guestExitCode(const RunResult &result);
    void reportTimings(const RunResult &result, int status);

    RunRequest m_request;
    QemuRunner m_runner;
    QTimer m_timeout;
    RunStarter *m_starter = nullptr; // while exec() runs
    QString m_watched; // the tail of the output, for --expect and panic traces
    bool m_matched = false;
    bool m_timedOut = false;
    int m_signal = 0; // SIGINT/SIGTERM/SIGHUP that stopped the run
};

} // namespace Keel::Cli
