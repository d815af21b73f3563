#include "arch/x86_64/exitmachine.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"

namespace keel::arch {
namespace {

constexpr uint16_t kDebugExitPort = 0xf4;
// PM1a control: 0x604 on q35 and on pc with current firmware, 0xb004 with older SeaBIOS/Bochs.
// Writing SLP_TYPa = 0 with SLP_EN (bit 13) enters S5 on QEMU's chipsets.
constexpr uint16_t kPm1aControlPorts[] = { 0x604, 0xb004 };
constexpr uint16_t kSleepEnableS5 = 0x2000;

PowerOffHandler s_powerOff = nullptr;

} // namespace

void setPowerOffHandler(PowerOffHandler handler)
{
    s_powerOff = handler;
}

[[noreturn]] void exitMachine(int status)
{
    cpu::disableInterrupts();
    if (status < 0)
        status = 0;
    if (status > 127)
        status = 127;
    io::out32(kDebugExitPort, uint32_t(status));
    if (s_powerOff)
        s_powerOff();
    for (uint16_t port : kPm1aControlPorts)
        io::out16(port, kSleepEnableS5);
    cpu::haltForever();
}

} // namespace keel::arch
