// RunResult: how a run ended, decoded from QEMU's exit and the last SHUTDOWN event.
//
// The kernel writes main()'s status to isa-debug-exit, and QEMU exits with (status << 1) | 1.
// QEMU exiting 0 after SHUTDOWN(reason guest-reset) is a triple fault under -no-reboot: an error,
// never success. Any other clean exit 0 is an ACPI power-off: status 0. Exit 1 before the guest
// was started is QEMU refusing its command line.
#pragma once

#include <QProcess>
#include <QString>

namespace Keel {

struct RunResult {
    enum class Outcome {
        GuestExited,     // status from isa-debug-exit
        GuestPoweredOff, // status 0
        GuestReset,      // triple fault or reset request: an error
        Stopped,         // the host asked QEMU to stop (user, --expect, timeout)
        QemuFailed,      // QEMU refused to start or crashed
        QemuMissing,
    };

    Outcome outcome = Outcome::QemuFailed;
    int guestStatus = -1;          // GuestExited/GuestPoweredOff
    int qemuExitCode = -1;
    QString message;               // one line for the user; empty for ordinary exits
    QString qemuStderr;
    qint64 firstByteNanoseconds = -1;
    qint64 exitNanoseconds = -1;

    bool isGuestStatus() const { return outcome == Outcome::GuestExited || outcome == Outcome::GuestPoweredOff; }
};

struct QemuExit {
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = 0;
    QString shutdownReason;         // from the last SHUTDOWN event; empty when none came
    bool stopRequested = false;     // the runner itself asked QEMU to quit or killed it
    QString stderrText;
    // QEMU's own errors exit 1, the same code as a guest status 0; only a guest that was
    // started can have a status.
    bool guestStarted = true;
};

RunResult decodeQemuExit(const QemuExit &exit);

} // namespace Keel
