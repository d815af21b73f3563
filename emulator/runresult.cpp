#include "runresult.h"

namespace Keel {

namespace {

QString lastStderrLine(const QString &stderrText)
{
    const QStringList lines = stderrText.split(u'\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

} // namespace

RunResult decodeQemuExit(const QemuExit &exit)
{
    RunResult result;
    result.qemuExitCode = exit.exitCode;
    result.qemuStderr = exit.stderrText;
    if (exit.stopRequested) {
        result.outcome = RunResult::Outcome::Stopped;
        result.message = QStringLiteral("stopped");
        return result;
    }
    if (exit.exitStatus == QProcess::CrashExit) {
        result.outcome = RunResult::Outcome::QemuFailed;
        result.message = QStringLiteral("QEMU crashed");
        if (const QString line = lastStderrLine(exit.stderrText); !line.isEmpty())
            result.message += QStringLiteral(": ") + line;
        return result;
    }
    if ((exit.exitCode & 1) && exit.guestStarted) {
        result.outcome = RunResult::Outcome::GuestExited;
        result.guestStatus = exit.exitCode >> 1;
        return result;
    }
    if (exit.exitCode == 0 && exit.shutdownReason == u"guest-reset") {
        result.outcome = RunResult::Outcome::GuestReset;
        result.message = QStringLiteral("guest reset (triple fault) — the kernel hit a fault it could not "
                                        "report; run with a debug build or attach gdb to find it");
        return result;
    }
    if (exit.exitCode == 0) {
        result.outcome = RunResult::Outcome::GuestPoweredOff;
        result.guestStatus = 0;
        return result;
    }
    result.outcome = RunResult::Outcome::QemuFailed;
    const QString line = lastStderrLine(exit.stderrText);
    result.message = QStringLiteral("QEMU failed with exit code %1%2").arg(exit.exitCode)
                         .arg(line.isEmpty() ? QString() : QStringLiteral(": ") + line);
    return result;
}

} // namespace Keel
