#include "projectrequest.h"

namespace Keel {

DeployRequest requestForProject(const Project &project)
{
    DeployRequest request;
    request.name = project.name;
    request.project = project.name;
    request.version = project.version;
    request.machine = qemuMachineFromName(machineName(project.run.machine)).value_or(QemuMachine::Pc);
    request.memoryBytes = qint64(project.run.memoryBytes);
    request.cpus = project.run.cpus;
    request.cmdline = project.run.cmdline;
    for (const PortForward &forward : project.run.publish)
        request.portForwards << HostForward{HostForward::Protocol::Tcp, forward.host, forward.guest};
    return request;
}

} // namespace Keel
