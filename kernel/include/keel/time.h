// Monotonic time, sleeping and timers, for apps built with the `timer` feature.
//
//     using namespace keel::literals;
//     keel::Instant start = keel::now();
//     keel::sleep(200_ms);                               // halts the CPU until then
//     keel::println("slept {} ms", (keel::now() - start).toMilliseconds());
//
//     keel::Timer heartbeat;
//     heartbeat.startPeriodic(1_s, [](void*) { keel::println("tick"); });
//
// The clock is the TSC, calibrated at boot against the PIT (or the CPUID frequency leaves when
// there is no PIT); timers are driven by the local APIC timer in one-shot mode (the PIT's IRQ 0
// at 1 kHz without an APIC). Timer callbacks run in interrupt context: keep them short, and do not
// sleep() or start long work there (printing is fine). A Timer must outlive its running period;
// its destructor stops it.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_TIMER
#error "keel/time.h needs the timer feature: add \"timer\" to [kernel] features in keel.toml"
#endif

#include <timer/duration.h>
#include <timer/timerqueue.h>

namespace keel {

// Time since the clock started (early in boot), never decreasing.
Instant now();
Duration uptime();

// Returns after at least `duration`; the CPU halts in between (an idle guest costs the host no
// CPU). Not from a timer callback or an interrupt handler.
void sleep(Duration duration);

// The calibrated TSC frequency in Hz (for diagnostics).
u64 clockFrequency();

class Timer {
public:
    using Callback = TimerEntry::Callback;

    Timer() = default;
    ~Timer() { stop(); }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    // Calls `callback(context)` once, `delay` from now. Restarting a running timer reschedules it.
    void startOneShot(Duration delay, Callback callback, void* context = nullptr);
    // Calls `callback(context)` every `period` (first after one period) until stop().
    void startPeriodic(Duration period, Callback callback, void* context = nullptr);
    void stop();
    bool isActive() const { return m_entry.queued; }

private:
    void start(Duration delay, u64 period, Callback callback, void* context);

    TimerEntry m_entry;
};

} // namespace keel
