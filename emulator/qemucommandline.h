// QemuCommandLine: turns a RunProfile and an image into qemu-system-x86_64's argv.
//
//   Keel::QemuSockets sockets{qmp.childDescriptor(), serial.childDescriptor()}; // InheritedSocket
//   Keel::QemuCommandLine commandLine(profile, sockets, Keel::QemuAccel::Tcg);
//   process.start(Keel::QemuCommandLine::program(), commandLine.arguments(imagePath));
#pragma once

#include "runprofile.h"

namespace Keel {

struct QemuSockets {
    int qmpDescriptor = -1;    // QEMU's inherited end of the QMP socket pair
    int serialDescriptor = -1; // and of COM1's
    QString gdbPath; // used when the profile enables the gdbstub
    QString vncPath; // used when the profile's display is Display::Vnc
};

class QemuCommandLine
{
public:
    // accel must already be resolved (Kvm or Tcg); see AccelProbe.
    QemuCommandLine(const RunProfile &profile, const QemuSockets &sockets, QemuAccel accel);

    static QString program();
    // Empty when QEMU can run the profile; otherwise what is wrong and how to fix it.
    static QString profileError(const RunProfile &profile);
    QStringList arguments(const QString &imagePath) const;

private:
    void addMachine(QStringList &args) const;
    void addControlChannels(QStringList &args) const;
    void addDevices(QStringList &args) const;
    void addNetwork(QStringList &args) const;
    bool isOverriddenUdpForward(qsizetype index) const;
    void addDisks(QStringList &args) const;
    QString deviceFor(const QString &pciDevice, const QString &mmioDevice) const;

    RunProfile m_profile;
    QemuSockets m_sockets;
    QemuAccel m_accel;
};

// "16M", "2048K": the form QEMU's -m accepts, exact for any whole number of KiB.
QString qemuMemoryArgument(qint64 bytes);

} // namespace Keel
