#include "qemucommandline.h"

namespace Keel {

namespace {
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

QString qemuMemoryArgument(qint64 bytes)
{
    if (bytes % kMiB == 0)
        return QStringLiteral("%1M").arg(bytes / kMiB);
    // QEMU rounds the RAM size up to whole pages anyway; KiB is the finest unit it takes.
    return QStringLiteral("%1K").arg((bytes + kKiB - 1) / kKiB);
}

QemuCommandLine::QemuCommandLine(const RunProfile &profile, const QemuSockets &sockets, QemuAccel accel)
    : m_profile(profile)
    , m_sockets(sockets)
    , m_accel(accel == QemuAccel::Kvm ? QemuAccel::Kvm : QemuAccel::Tcg)
{
}

QString QemuCommandLine::program()
{
    return QStringLiteral("qemu-system-x86_64");
}

QString QemuCommandLine::profileError(const RunProfile &profile)
{
    if (profile.display == Display::Vnc && profile.machine == QemuMachine::Microvm)
        return QStringLiteral("the microvm machine has no VGA device, so it has no display to show — "
                              "use machine pc or q35 (keel.toml [run] machine = \"pc\", or --machine pc), "
                              "or run headless");
    return {};
}

QStringList QemuCommandLine::arguments(const QString &imagePath) const
{
    QStringList args;
    addMachine(args);
    addControlChannels(args);
    addDevices(args);
    addNetwork(args);
    addDisks(args);
    args << QStringLiteral("-kernel") << imagePath;
    if (!m_profile.kernelCmdline.isEmpty())
        args << QStringLiteral("-append") << m_profile.kernelCmdline;
    if (m_profile.startMode == StartMode::Paused)
        args << QStringLiteral("-S");
    args << m_profile.extraArguments;
    return args;
}

void QemuCommandLine::addMachine(QStringList &args) const
{
    // -nodefaults keeps the machine minimal; every device Keel relies on is added explicitly
    // below (microvm keeps a working COM1 this way, as -serial names it).
    args << QStringLiteral("-M") << machineName(m_profile.machine)
         << QStringLiteral("-nodefaults") << QStringLiteral("-no-reboot")
         << QStringLiteral("-m") << qemuMemoryArgument(m_profile.memoryBytes)
         << QStringLiteral("-smp") << QString::number(qMax(1, m_profile.cpus));
    // QEMU 7.2's virtio-mmio transports are legacy (version 1) unless told otherwise; Keel's
    // virtio module drives virtio 1.x devices only.
    if (m_profile.machine == QemuMachine::Microvm)
        args << QStringLiteral("-global") << QStringLiteral("virtio-mmio.force-legacy=false");
    if (m_accel == QemuAccel::Kvm)
        args << QStringLiteral("-accel") << QStringLiteral("kvm") << QStringLiteral("-cpu") << QStringLiteral("host");
    else
        args << QStringLiteral("-accel") << QStringLiteral("tcg");
}

void QemuCommandLine::addControlChannels(QStringList &args) const
{
    // QMP and COM1 are socket pairs QEMU inherits, connected before it runs: nothing to wait for,
    // no socket file, and no early output lost. QMP comes first, so its greeting is queued first.
    args << QStringLiteral("-chardev") << QStringLiteral("socket,id=qmp,fd=%1").arg(m_sockets.qmpDescriptor)
         << QStringLiteral("-mon") << QStringLiteral("chardev=qmp,mode=control");
    args << QStringLiteral("-chardev") << QStringLiteral("socket,id=ser0,fd=%1").arg(m_sockets.serialDescriptor)
         << QStringLiteral("-serial") << QStringLiteral("chardev:ser0");
    // wait=off: the debugger attaches whenever it likes; a paused (-S) guest waits for it anyway.
    if (m_profile.gdbStub == GdbStub::Enabled)
        args << QStringLiteral("-gdb") << QStringLiteral("unix:%1,server=on,wait=off").arg(m_sockets.gdbPath);
}

void QemuCommandLine::addDevices(QStringList &args) const
{
    if (m_profile.debugExit == DebugExit::Enabled)
        args << QStringLiteral("-device") << QStringLiteral("isa-debug-exit,iobase=0xf4,iosize=4");
    // No local window ever: a display is served over VNC on a private UNIX socket (QEMU 7.2:
    // -vnc unix:<path>), so QEMU needs neither an X server nor a TCP port.
    args << QStringLiteral("-display") << QStringLiteral("none");
    if (m_profile.display == Display::Vnc && m_profile.machine != QemuMachine::Microvm)
        args << QStringLiteral("-vga") << QStringLiteral("std")
             << QStringLiteral("-vnc") << QStringLiteral("unix:%1").arg(m_sockets.vncPath);
}

void QemuCommandLine::addNetwork(QStringList &args) const
{
    if (m_profile.portForwards.isEmpty())
        return;
    QStringList netdev{QStringLiteral("user"), QStringLiteral("id=net0")};
    for (qsizetype i = 0; i < m_profile.portForwards.size(); ++i) {
        if (!isOverriddenUdpForward(i))
            netdev << m_profile.portForwards[i].toHostFwd();
    }
    args << QStringLiteral("-netdev") << netdev.join(u',')
         << QStringLiteral("-device")
         << deviceFor(QStringLiteral("virtio-net-pci"), QStringLiteral("virtio-net-device")) + QStringLiteral(",netdev=net0");
}

// QEMU's user networking sends a guest's UDP reply out through the first forwarding socket it
// finds for the guest's address and port, so of two UDP forwards to one guest port only one
// would ever answer. The later one wins: `--publish` comes after [run] publish and replaces it.
bool QemuCommandLine::isOverriddenUdpForward(qsizetype index) const
{
    const HostForward &forward = m_profile.portForwards[index];
    if (forward.protocol != HostForward::Protocol::Udp)
        return false;
    for (qsizetype later = index + 1; later < m_profile.portForwards.size(); ++later) {
        const HostForward &other = m_profile.portForwards[later];
        if (other.protocol == HostForward::Protocol::Udp && other.guestPort == forward.guestPort)
            return true;
    }
    return false;
}

void QemuCommandLine::addDisks(QStringList &args) const
{
    for (int i = 0; i < m_profile.extraDisks.size(); ++i) {
        QString file = m_profile.extraDisks[i];
        // A comma in a path would split QEMU's option list; QEMU escapes it by doubling.
        file.replace(u',', QStringLiteral(",,"));
        args << QStringLiteral("-drive")
             << QStringLiteral("file=%1,if=none,id=disk%2,format=raw").arg(file).arg(i)
             << QStringLiteral("-device")
             << deviceFor(QStringLiteral("virtio-blk-pci"), QStringLiteral("virtio-blk-device"))
                    + QStringLiteral(",drive=disk%1").arg(i);
    }
}

QString QemuCommandLine::deviceFor(const QString &pciDevice, const QString &mmioDevice) const
{
    // microvm has no PCI bus by default; its virtio devices sit on virtio-mmio.
    return m_profile.machine == QemuMachine::Microvm ? mmioDevice : pciDevice;
}

} // namespace Keel
