#include "runprofile.h"

namespace Keel {

std::optional<HostForward> HostForward::fromString(const QString &text)
{
    QStringList parts = text.split(u':');
    HostForward forward;
    if (parts.size() == 3) {
        const QString protocol = parts.takeFirst().toLower();
        if (protocol == u"udp")
            forward.protocol = Protocol::Udp;
        else if (protocol != u"tcp")
            return std::nullopt;
    }
    if (parts.size() != 2)
        return std::nullopt;
    bool hostOk = false;
    bool guestOk = false;
    const uint host = parts[0].toUInt(&hostOk);
    const uint guest = parts[1].toUInt(&guestOk);
    if (!hostOk || !guestOk || host == 0 || guest == 0 || host > 65535 || guest > 65535)
        return std::nullopt;
    forward.hostPort = quint16(host);
    forward.guestPort = quint16(guest);
    return forward;
}

QString HostForward::toHostFwd() const
{
    const QString protocol = this->protocol == Protocol::Udp ? QStringLiteral("udp") : QStringLiteral("tcp");
    // Bind to loopback only: a pico VM under development must not be reachable from the network.
    return QStringLiteral("hostfwd=%1:127.0.0.1:%2-:%3").arg(protocol).arg(hostPort).arg(guestPort);
}

std::optional<QemuMachine> qemuMachineFromName(const QString &name)
{
    if (name == u"pc")
        return QemuMachine::Pc;
    if (name == u"q35")
        return QemuMachine::Q35;
    if (name == u"microvm")
        return QemuMachine::Microvm;
    return std::nullopt;
}

QString machineName(QemuMachine machine)
{
    switch (machine) {
    case QemuMachine::Pc: return QStringLiteral("pc");
    case QemuMachine::Q35: return QStringLiteral("q35");
    case QemuMachine::Microvm: return QStringLiteral("microvm");
    }
    return {};
}

std::optional<QemuAccel> qemuAccelFromName(const QString &name)
{
    if (name == u"auto")
        return QemuAccel::Auto;
    if (name == u"kvm")
        return QemuAccel::Kvm;
    if (name == u"tcg")
        return QemuAccel::Tcg;
    return std::nullopt;
}

QString accelName(QemuAccel accel)
{
    switch (accel) {
    case QemuAccel::Auto: return QStringLiteral("auto");
    case QemuAccel::Kvm: return QStringLiteral("kvm");
    case QemuAccel::Tcg: return QStringLiteral("tcg");
    }
    return {};
}

} // namespace Keel
