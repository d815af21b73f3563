// RunProfile: everything about how an image is booted, independent of QEMU's syntax.
//
//   Keel::RunProfile profile;
//   profile.machine = Keel::QemuMachine::Q35;
//   profile.memoryBytes = 32 * 1024 * 1024;
//   QStringList argv = Keel::QemuCommandLine(profile, sockets).arguments(image);
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Keel {

enum class QemuMachine { Pc, Q35, Microvm };
enum class QemuAccel { Auto, Kvm, Tcg };
enum class DebugExit { Enabled, Disabled };
// Vnc: a standard VGA card whose screen QEMU serves over RFB on the run's private vnc.sock
// (RfbClient reads it); pc and q35 only, microvm has no VGA.
enum class Display { Headless, Vnc };
enum class StartMode { Running, Paused };
// Enabled: QEMU's gdbstub listens on the run's private gdb.sock (never on TCP).
enum class GdbStub { Disabled, Enabled };

struct HostForward {
    enum class Protocol { Tcp, Udp };
    Protocol protocol = Protocol::Tcp;
    quint16 hostPort = 0;
    quint16 guestPort = 0;

    // Parses "HOST:GUEST", optionally prefixed with "tcp:" or "udp:".
    static std::optional<HostForward> fromString(const QString &text);
    QString toHostFwd() const;
};

struct RunProfile {
    static constexpr qint64 kDefaultMemory = 16 * 1024 * 1024;

    QemuMachine machine = QemuMachine::Microvm;
    qint64 memoryBytes = kDefaultMemory;
    int cpus = 1;
    QemuAccel accel = QemuAccel::Auto;
    QString kernelCmdline;
    DebugExit debugExit = DebugExit::Enabled;
    Display display = Display::Headless;
    StartMode startMode = StartMode::Running;
    GdbStub gdbStub = GdbStub::Disabled;
    QList<HostForward> portForwards;
    QStringList extraDisks;
    // Appended verbatim; for experiments and for tests that provoke QEMU errors.
    QStringList extraArguments;
};

std::optional<QemuMachine> qemuMachineFromName(const QString &name);
QString machineName(QemuMachine machine);
std::optional<QemuAccel> qemuAccelFromName(const QString &name);
QString accelName(QemuAccel accel);

} // namespace Keel
