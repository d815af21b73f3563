// RunSession: one `keel run` — boots the image with QemuRunner, streams the guest's serial output
// to stdout as raw bytes, watches for --expect and --timeout, and turns the outcome into the exit
// code (0 expected output seen, 124 timeout, 127 no QEMU, else the guest's status).
#pragma once

#include "emulator/qemurunner.h"

#include <QRegularExpression>
#include <optional>

namespace Keel::Cli {

struct RunRequest {
    QString imagePath;
    QString unstrippedPath; // for resolving panic stack traces
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
    void onData(const QByteArray &bytes);
    void onTimeout();
    int exitCodeFor(const RunResult &result);
    int guestExitCode(const RunResult &result);
    void reportTimings(const RunResult &result, int status);

    RunRequest m_request;
    QemuRunner m_runner;
    QString m_watched; // the tail of the output, for --expect and panic traces
    bool m_matched = false;
    bool m_timedOut = false;
};

} // namespace Keel::Cli
