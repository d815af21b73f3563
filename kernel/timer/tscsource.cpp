#include "timer/tscsource.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "timer/clockscale.h"
#include "timer/pitcounter.h"

namespace keel {
namespace {

// 2 ms of the 1.193182 MHz PIT clock: 2,386 ticks resolve the TSC's rate to about 0.05 %, and
// the busy wait is boot time (and, under TCG, host CPU for every VM of a fleet): 10 ms cost more.
constexpr u64 kCalibrationTicks = 2386;
constexpr u64 kMaxPolls = 1000000;       // far past 2 ms even when each port read traps
constexpr u64 kMinimumPlausibleHz = 10000000;
constexpr u32 kHypervisorBase = 0x40000000;
constexpr u32 kHypervisorTiming = 0x40000010; // eax: TSC kHz (KVM/VMware convention)

// Absolute port numbers: the window's base is 0.
using PortIo = io::PortIoWindow;

bool s_pitWorks = false;

// A missing PIT reads 0xffff forever, so the poll limit ends the loop and reports 0.
u64 measureWithPit()
{
    PitCounter<PortIo> pit { PortIo(0) };
    pit.startFreeRunning();
    PitTickAccumulator ticks(pit.read());
    u64 start = cpu::readTsc();
    u64 polls = 0;
    while (ticks.add(pit.read()) < kCalibrationTicks && ++polls < kMaxPolls) { }
    u64 elapsed = cpu::readTsc() - start;
    if (polls == kMaxPolls)
        return 0;
    u64 hz = frequencyFromReference(elapsed, ticks.total(), kPitFrequency);
    return hz >= kMinimumPlausibleHz ? hz : 0;
}

u64 measureWithCpuid()
{
    cpu::CpuidResult hypervisor = cpu::cpuid(kHypervisorBase);
    if (hypervisor.eax >= kHypervisorTiming) {
        if (u32 kHz = cpu::cpuid(kHypervisorTiming).eax)
            return u64(kHz) * 1000;
    }
    u32 maxLeaf = cpu::cpuid(0).eax;
    if (maxLeaf >= 0x15) {
        cpu::CpuidResult leaf = cpu::cpuid(0x15);
        if (leaf.eax && leaf.ebx && leaf.ecx)
            return u64(leaf.ecx) * leaf.ebx / leaf.eax;
    }
    if (maxLeaf >= 0x16) {
        if (u32 mhz = cpu::cpuid(0x16).eax & 0xffff)
            return u64(mhz) * 1000000;
    }
    return 0;
}

} // namespace

bool hasPit()
{
    return s_pitWorks;
}

u64 measureTscFrequency()
{
    u64 hz = measureWithPit();
    s_pitWorks = hz != 0;
    return hz ? hz : measureWithCpuid();
}

} // namespace keel
