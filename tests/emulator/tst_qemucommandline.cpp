// QemuCommandLine: the argv each machine and accelerator gets. A failure here means QEMU would
// boot without a serial console, without the exit device, on TCP, or lose early output.
#include "emulator/qemucommandline.h"

#include <gtest/gtest.h>

using namespace Keel;

namespace {

const QemuSockets kSockets{7, 9, {}, {}}; // the descriptors QEMU inherits

QStringList argv(const RunProfile &profile, QemuAccel accel = QemuAccel::Tcg)
{
    return QemuCommandLine(profile, kSockets, accel).arguments(QStringLiteral("/p/hello.elf"));
}

QString valueAfter(const QStringList &args, const QString &option)
{
    const qsizetype i = args.indexOf(option);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
}

} // namespace

TEST(QemuCommandLine, HasTheFixedEssentialsOnEveryMachine)
{
    for (QemuMachine machine : {QemuMachine::Pc, QemuMachine::Q35, QemuMachine::Microvm}) {
        RunProfile profile;
        profile.machine = machine;
        const QStringList args = argv(profile);
        EXPECT_EQ(valueAfter(args, u"-M"_qs), machineName(machine));
        EXPECT_TRUE(args.contains(u"-no-reboot"_qs));
        EXPECT_TRUE(args.contains(u"-nodefaults"_qs));
        EXPECT_TRUE(args.contains(u"isa-debug-exit,iobase=0xf4,iosize=4"_qs));
        EXPECT_EQ(valueAfter(args, u"-serial"_qs), u"chardev:ser0");
        // Connected socket pairs QEMU inherits: no socket file, nothing listening.
        EXPECT_TRUE(args.contains(u"socket,id=ser0,fd=9"_qs));
        EXPECT_TRUE(args.contains(u"socket,id=qmp,fd=7"_qs));
        EXPECT_FALSE(args.join(u' ').contains(u"server=on"));
        EXPECT_EQ(valueAfter(args, u"-mon"_qs), u"chardev=qmp,mode=control");
        EXPECT_EQ(valueAfter(args, u"-display"_qs), u"none");
        EXPECT_EQ(valueAfter(args, u"-kernel"_qs), u"/p/hello.elf");
        EXPECT_FALSE(args.contains(u"-S"_qs));
        EXPECT_FALSE(args.join(u' ').contains(u"tcp:"));
    }
}

TEST(QemuCommandLine, DeclaresQmpBeforeTheSerialPort)
{
    const QStringList args = argv(RunProfile());
    EXPECT_LT(args.indexOf(u"chardev=qmp,mode=control"_qs), args.indexOf(u"chardev:ser0"_qs));
}

TEST(QemuCommandLine, SelectsTheAccelerator)
{
    const QStringList tcg = argv(RunProfile(), QemuAccel::Tcg);
    EXPECT_EQ(valueAfter(tcg, u"-accel"_qs), u"tcg");
    EXPECT_FALSE(tcg.contains(u"-cpu"_qs));
    const QStringList kvm = argv(RunProfile(), QemuAccel::Kvm);
    EXPECT_EQ(valueAfter(kvm, u"-accel"_qs), u"kvm");
    EXPECT_EQ(valueAfter(kvm, u"-cpu"_qs), u"host");
    // Auto must have been resolved by AccelProbe; unresolved it falls back to the safe choice.
    EXPECT_EQ(valueAfter(argv(RunProfile(), QemuAccel::Auto), u"-accel"_qs), u"tcg");
}

TEST(QemuCommandLine, PassesMemoryCpusCmdlineAndPause)
{
    RunProfile profile;
    profile.memoryBytes = 2 * 1024 * 1024;
    profile.cpus = 2;
    profile.kernelCmdline = QStringLiteral("verbose=1 name=x");
    profile.startMode = StartMode::Paused;
    const QStringList args = argv(profile);
    EXPECT_EQ(valueAfter(args, u"-m"_qs), u"2M");
    EXPECT_EQ(valueAfter(args, u"-smp"_qs), u"2");
    EXPECT_EQ(valueAfter(args, u"-append"_qs), u"verbose=1 name=x");
    EXPECT_TRUE(args.contains(u"-S"_qs));
    EXPECT_EQ(qemuMemoryArgument(1536 * 1024), u"1536K");
    EXPECT_EQ(qemuMemoryArgument(1000), u"1K");
    EXPECT_FALSE(argv(RunProfile()).contains(u"-append"_qs));
}

TEST(QemuCommandLine, CanLeaveOutTheExitDevice)
{
    RunProfile profile;
    profile.debugExit = DebugExit::Disabled;
    EXPECT_FALSE(argv(profile).join(u' ').contains(u"isa-debug-exit"));
}

TEST(QemuCommandLine, ForwardsPortsOnLoopbackWithTheMachinesVirtioTransport)
{
    RunProfile profile;
    profile.portForwards = {*HostForward::fromString(u"8080:80"_qs), *HostForward::fromString(u"udp:5353:53"_qs)};
    profile.machine = QemuMachine::Microvm;
    QStringList args = argv(profile);
    EXPECT_EQ(valueAfter(args, u"-netdev"_qs),
              u"user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53");
    EXPECT_EQ(valueAfter(args, u"-device"_qs).isEmpty(), false);
    EXPECT_TRUE(args.contains(u"virtio-net-device,netdev=net0"_qs));
    profile.machine = QemuMachine::Q35;
    args = argv(profile);
    EXPECT_TRUE(args.contains(u"virtio-net-pci,netdev=net0"_qs));
    EXPECT_FALSE(HostForward::fromString(u"80"_qs));
    EXPECT_FALSE(HostForward::fromString(u"0:80"_qs));
    EXPECT_FALSE(HostForward::fromString(u"70000:80"_qs));
    EXPECT_FALSE(HostForward::fromString(u"sctp:1:2"_qs));
}

TEST(QemuCommandLine, KeepsTheLastUdpForwardOfAGuestPort)
{
    // User networking would answer only through one of two UDP forwards to guest port 7, so
    // `keel run --publish udp:17777:7` (appended after [run] publish) must replace udp:7777:7.
    RunProfile profile;
    profile.portForwards = {*HostForward::fromString(u"udp:7777:7"_qs), *HostForward::fromString(u"7777:7"_qs),
                            *HostForward::fromString(u"udp:17777:7"_qs)};
    EXPECT_EQ(valueAfter(argv(profile), u"-netdev"_qs),
              u"user,id=net0,hostfwd=tcp:127.0.0.1:7777-:7,hostfwd=udp:127.0.0.1:17777-:7");
}

TEST(QemuCommandLine, AttachesExtraDisksWithEscapedCommas)
{
    RunProfile profile;
    profile.machine = QemuMachine::Pc;
    profile.extraDisks = {QStringLiteral("/d/a,b.img")};
    const QStringList args = argv(profile);
    EXPECT_TRUE(args.contains(u"file=/d/a,,b.img,if=none,id=disk0,format=raw"_qs));
    EXPECT_TRUE(args.contains(u"virtio-blk-pci,drive=disk0"_qs));
}

TEST(QemuCommandLine, ParsesMachineAndAccelNames)
{
    EXPECT_EQ(qemuMachineFromName(u"q35"_qs), QemuMachine::Q35);
    EXPECT_EQ(qemuMachineFromName(u"microvm"_qs), QemuMachine::Microvm);
    EXPECT_FALSE(qemuMachineFromName(u"isapc"_qs));
    EXPECT_EQ(qemuAccelFromName(u"kvm"_qs), QemuAccel::Kvm);
    EXPECT_FALSE(qemuAccelFromName(u"hvf"_qs));
}

TEST(QemuCommandLine, ServesTheDisplayOnThePrivateVncSocketOnly)
{
    RunProfile profile;
    profile.machine = QemuMachine::Q35;
    EXPECT_FALSE(argv(profile).contains(u"-vnc"_qs));
    profile.display = Display::Vnc;
    const QemuSockets sockets{kSockets.qmpDescriptor, kSockets.serialDescriptor, {}, QStringLiteral("/run/k/vnc.sock")};
    const QStringList args = QemuCommandLine(profile, sockets, QemuAccel::Tcg).arguments(QStringLiteral("/p/x.elf"));
    EXPECT_EQ(valueAfter(args, u"-vga"_qs), u"std");
    EXPECT_EQ(valueAfter(args, u"-vnc"_qs), u"unix:/run/k/vnc.sock");
    EXPECT_EQ(valueAfter(args, u"-display"_qs), u"none"); // never a local window
    EXPECT_TRUE(QemuCommandLine::profileError(profile).isEmpty());
    profile.machine = QemuMachine::Microvm;
    EXPECT_TRUE(QemuCommandLine::profileError(profile).contains(u"no VGA"));
}
