#include "plainqemu.h"

std::string plainQemuCommand(const std::string& machine, const std::string& boot)
{
    // TCG always: /dev/kvm may exist and still not work (nested virtualisation).
    return "qemu-system-x86_64 " + machine + " -nodefaults -no-reboot -accel tcg -display none -serial stdio "
           "-device isa-debug-exit,iobase=0xf4,iosize=4 " + boot;
}

CommandResult runPlainQemu(const std::string& machine, const std::string& boot,
    const std::string& workingDirectory, int timeoutSeconds)
{
    return runCommand(plainQemuCommand(machine, boot), workingDirectory, timeoutSeconds);
}
