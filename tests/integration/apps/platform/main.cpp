// Platform check for tst_platform: monotonic sleep, a periodic timer, a real device IRQ through
// the interrupt controller, and (with argument "poweroff") ACPI power-off. Prints what it
// measured; returns 0 only when every check passed.
#include <keel/acpi.h>
#include <keel/interrupts.h>
#include <keel/print.h>
#include <keel/time.h>

#include <ktl/stringview.h>

namespace {

using namespace keel::literals;

volatile int s_periodicFires = 0;
volatile int s_irq0Count = 0;

bool checkSleep()
{
    keel::Instant start = keel::now();
    keel::sleep(200_ms);
    i64 slept = (keel::now() - start).toMicroseconds();
    keel::println("slept {} us", slept);
    return slept >= 200000;
}

bool checkPeriodic()
{
    keel::Timer timer;
    // Measured from before arming: the first period starts when the timer is armed, not after.
    keel::Instant start = keel::now();
    timer.startPeriodic(20_ms, [](void*) {
        s_periodicFires = s_periodicFires + 1;
        if (s_periodicFires == 5)
            keel::println("periodic fired 5 times");
    });
    while (s_periodicFires < 5 && keel::now() - start < 2_s)
        keel::sleep(10_ms);
    timer.stop();
    i64 took = (keel::now() - start).toMilliseconds();
    keel::println("5 periods took {} ms", took);
    return s_periodicFires == 5 && took >= 100;
}

// The timer module's calibration leaves PIT channel 0 counting from 65536 (18.2 Hz) with IRQ 0
// masked; unmasking it through registerIrqHandler proves routing (IRQ 0 is GSI 2 on QEMU's
// IOAPIC), delivery and end-of-interrupt.
// Without an APIC the timer module itself ticks on IRQ 0, so there is nothing left to check.
bool checkDeviceIrq()
{
    if (keel::interrupts::controller() == keel::interrupts::Controller::Pic) {
        keel::println("8259 PIC mode: IRQ 0 belongs to the timer");
        return true;
    }
    auto registered = keel::interrupts::registerIrqHandler(0, [](void*) { s_irq0Count = s_irq0Count + 1; });
    if (registered.isError()) {
        keel::println("registerIrqHandler(0) failed: {}", registered.error());
        return false;
    }
    keel::sleep(400_ms);
    keel::interrupts::unregisterIrqHandler(0);
    keel::println("irq0 fired {} times in 400 ms", int(s_irq0Count));
    return s_irq0Count >= 4 && s_irq0Count <= 12;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && ktl::StringView(argv[1]) == "poweroff") {
        keel::println("acpi {}; powering off", keel::acpi::isPresent() ? "present" : "absent");
        keel::acpi::powerOff();
        keel::println("still running after power-off");
        return 42;
    }
    bool sleepOk = checkSleep();
    bool periodicOk = checkPeriodic();
    bool irqOk = checkDeviceIrq();
    keel::println("platform checks: sleep {} periodic {} irq {}", sleepOk ? "ok" : "FAILED",
        periodicOk ? "ok" : "FAILED", irqOk ? "ok" : "FAILED");
    return sleepOk && periodicOk && irqOk ? 0 : 1;
}
