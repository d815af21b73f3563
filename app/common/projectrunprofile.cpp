#include "projectrunprofile.h"

#include <QFile>
#include <QFileInfo>

namespace Keel {

RunProfile runProfileFromProject(const RunSettings &run)
{
    RunProfile profile;
    profile.machine = qemuMachineFromName(machineName(run.machine)).value_or(QemuMachine::Microvm);
    profile.accel = qemuAccelFromName(accelName(run.accel)).value_or(QemuAccel::Auto);
    profile.memoryBytes = qint64(run.memoryBytes);
    profile.cpus = run.cpus;
    profile.kernelCmdline = run.cmdline;
    for (const PortForward &forward : run.publish) {
        const auto protocol = forward.protocol == PortForward::Protocol::Udp ? HostForward::Protocol::Udp
                                                                              : HostForward::Protocol::Tcp;
        profile.portForwards << HostForward{protocol, forward.host, forward.guest};
    }
    profile.extraDisks = run.disks;
    return profile;
}

bool createMissingDisks(const RunSettings &run, QString *error)
{
    for (const QString &path : run.disks) {
        if (QFileInfo::exists(path))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !file.resize(qint64(run.diskBytes))) {
            if (error)
                *error = QStringLiteral("cannot create disk image %1: %2").arg(path, file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace Keel
