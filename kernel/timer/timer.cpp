// The timer module: the TSC as the monotonic clock (calibrated against PIT channel 0, else the
// CPUID frequency leaves), and a queue of timers fired from the local APIC timer in one-shot mode,
// re-armed for the earliest deadline after every interrupt, or from PIT IRQ 0 at 1 kHz when the
// CPU has no local APIC. Set up at the `driver` init level, after interrupts (`memory` level);
// now() and sleep() also set it up on first use so drivers may call them during their own init.
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "core/init.h"
#include "interrupts/controller.h"
#include "timer/clockscale.h"
#include "timer/pitcounter.h"
#include "timer/tscsource.h"

#include <keel/interrupts.h>
#include <keel/system.h>
#include <keel/time.h>

namespace keel {
namespace {

constexpr u16 kPitOneKilohertz = 1193;
constexpr u64 kPitTickNs = kNanosecondsPerSecond * kPitOneKilohertz / kPitFrequency;
constexpr u64 kApicCalibrationNs = 2000000; // 2 ms against the TSC: 0.05 % at a 1 GHz APIC clock
constexpr u32 kMaxApicTicks = 0xffffffff;

struct Clock {
    bool ready = false;
    u64 bootTsc = 0;
    u64 tscHz = 0;
    ClockScale tscToNs;
    ClockScale nsToTsc;
    ClockScale nsToApic;
    interrupts::KernelLocalApic* apic = nullptr;
    u8 apicVector = 0;
};

Clock s_clock;
TimerQueue s_queue;

u64 nowNs()
{
    return s_clock.tscToNs.convert(cpu::readTsc() - s_clock.bootTsc);
}

// Interrupts are off: called from the tick handler or under an InterruptGuard.
void armHardware()
{
    if (!s_clock.apic)
        return; // the PIT ticks at 1 kHz regardless
    const TimerEntry* next = s_queue.earliest();
    if (!next) {
        s_clock.apic->stopTimer();
        return;
    }
    u64 now = nowNs();
    u64 ticks = next->deadline > now ? s_clock.nsToApic.convert(next->deadline - now) : 1;
    ticks = ticks < 1 ? 1 : (ticks > kMaxApicTicks ? kMaxApicTicks : ticks);
    s_clock.apic->startTimer(s_clock.apicVector, interrupts::LocalApicTimerMode::OneShot, u32(ticks));
}

void onTick(void*)
{
    s_queue.runExpired(nowNs());
    armHardware();
}

void busyWaitNs(u64 ns)
{
    u64 end = nowNs() + ns;
    while (nowNs() < end)
        cpu::pause();
}

u64 calibrateApic(interrupts::KernelLocalApic& apic)
{
    apic.startTimer(s_clock.apicVector, interrupts::LocalApicTimerMode::OneShot, kMaxApicTicks);
    u64 start = cpu::readTsc();
    busyWaitNs(kApicCalibrationNs);
    u32 remaining = apic.timerCurrentCount();
    u64 elapsed = cpu::readTsc() - start;
    apic.stopTimer();
    return frequencyFromReference(kMaxApicTicks - remaining, elapsed, s_clock.tscHz);
}

void startPitTicks()
{
    PitCounter<io::PortIoWindow> { io::PortIoWindow(0) }.startPeriodic(kPitOneKilohertz);
    if (auto registered = interrupts::registerIrqHandler(0, onTick); registered.isError())
        panic("timer: cannot take IRQ 0 for the PIT: {}", registered.error());
}

void startTickSource()
{
    interrupts::KernelLocalApic* apic = interrupts::localApic();
    if (!apic) {
        if (!hasPit())
            panic("timer: no local APIC and no PIT to drive timers (on microvm, add pit=on)");
        startPitTicks();
        return;
    }
    auto vector = interrupts::allocateVector(onTick);
    if (vector.isError())
        panic("timer: no interrupt vector for the local APIC timer: {}", vector.error());
    s_clock.apicVector = vector.value();
    u64 apicHz = calibrateApic(*apic);
    if (apicHz == 0)
        panic("timer: the local APIC timer does not count");
    s_clock.nsToApic = ClockScale::between(kNanosecondsPerSecond, apicHz);
    s_clock.apic = apic;
}

void initialiseTimer()
{
    if (s_clock.ready)
        return;
    u64 start = cpu::readTsc();
    s_clock.tscHz = measureTscFrequency();
    if (s_clock.tscHz == 0)
        panic("timer: cannot measure the TSC frequency: no PIT and no CPUID frequency leaf (on microvm, add pit=on)");
    s_clock.bootTsc = start;
    s_clock.tscToNs = ClockScale::between(s_clock.tscHz, kNanosecondsPerSecond);
    s_clock.nsToTsc = ClockScale::between(kNanosecondsPerSecond, s_clock.tscHz);
    s_clock.ready = true;
    startTickSource();
}

KEEL_INIT(driver, initialiseTimer);

} // namespace

Instant now()
{
    initialiseTimer();
    return Instant::fromNanoseconds(nowNs());
}

Duration uptime()
{
    return now() - Instant();
}

u64 clockFrequency()
{
    initialiseTimer();
    return s_clock.tscHz;
}

void sleep(Duration duration)
{
    if (duration <= Duration())
        return;
    volatile bool done = false;
    Timer wake;
    wake.startOneShot(duration, [](void* flag) { *static_cast<volatile bool*>(flag) = true; },
        const_cast<bool*>(&done));
    // Checked with interrupts off, and `sti; hlt` cannot lose the wake-up in between.
    interrupts::InterruptGuard guard;
    while (!done) {
        interrupts::waitForInterrupt();
        interrupts::disable();
    }
}

void Timer::start(Duration delay, u64 period, Callback callback, void* context)
{
    initialiseTimer();
    interrupts::InterruptGuard guard;
    if (m_entry.queued)
        s_queue.remove(m_entry);
    m_entry.deadline = nowNs() + u64(delay > Duration() ? delay.toNanoseconds() : 0);
    m_entry.period = period;
    m_entry.callback = callback;
    m_entry.context = context;
    s_queue.insert(m_entry);
    armHardware();
}

void Timer::startOneShot(Duration delay, Callback callback, void* context)
{
    start(delay, 0, callback, context);
}

void Timer::startPeriodic(Duration period, Callback callback, void* context)
{
    u64 ns = period > Duration() ? u64(period.toNanoseconds()) : kPitTickNs;
    start(period, ns, callback, context);
}

void Timer::stop()
{
    interrupts::InterruptGuard guard;
    if (m_entry.queued)
        s_queue.remove(m_entry);
    armHardware();
}

} // namespace keel
