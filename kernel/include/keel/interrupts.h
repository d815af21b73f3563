// Hardware interrupts for apps and drivers built with the `interrupts` feature.
//
//     void onKey(void* context) { static_cast<Keyboard*>(context)->drain(); }
//     MUST(keel::interrupts::registerIrqHandler(1, onKey, &keyboard));   // ISA IRQ 1
//     {
//         keel::interrupts::InterruptGuard guard;   // no interrupt runs inside this block
//         queue.push(item);
//     }
//
// Handlers run with interrupts off, on the interrupted code's stack, after the entry stub has
// saved every general register and the whole x87/SSE state (fxsave): they may use floating point
// and must be short. The end-of-interrupt is sent after the handler returns.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_INTERRUPTS
#error "keel/interrupts.h needs the interrupts feature: add \"interrupts\" to [kernel] features in keel.toml"
#endif

#include <interrupts/irqrouting.h>
#include <interrupts/vectors.h>
#include <ktl/error.h>

namespace keel::interrupts {

enum class Controller { Pic, Apic };

// Routes ISA IRQ `irq` (0-15) to `handler` and unmasks it. Through the IOAPIC the line follows
// the ACPI interrupt source overrides when the acpi feature is on. Fails with AlreadyExists when
// the IRQ has a handler, OutOfRange for irq >= 16, Unsupported when no controller reaches it.
ktl::ErrorOr<void> registerIrqHandler(u8 irq, Handler handler, void* context = nullptr);

// Masks the IRQ and forgets its handler.
void unregisterIrqHandler(u8 irq);

// Routes global system interrupt `gsi`, a device line beyond the ISA IRQs (microvm's
// virtio-mmio transports sit on GSI 24 and up, on its second IOAPIC), to `handler` on a vector
// of its own, with the trigger and polarity the firmware gives the device. Fails with NotFound
// when no known IOAPIC serves the GSI (without the acpi feature only the first IOAPIC's 24
// inputs are known), Unsupported when interrupts go through the 8259 pair, TooMany when no
// vector is left. The caller must be able to cope with failure (poll instead).
ktl::ErrorOr<void> registerGsiHandler(u32 gsi, Trigger trigger, Polarity polarity, Handler handler,
                                      void* context = nullptr);

// Installs `handler` on a free vector (for local APIC sources such as its timer, or MSI) and
// returns the vector; the caller programs the source. Fails with TooMany when none is left.
ktl::ErrorOr<u8> allocateVector(Handler handler, void* context = nullptr);

void enable();
void disable();
bool areEnabled();

// Enables interrupts and halts until the next one has been handled (the idle loop of sleep()).
void waitForInterrupt();

// Which controller delivers ISA IRQs: the IOAPIC, or the 8259 pair when there is none.
Controller controller();

// Disables interrupts for its lifetime and restores the previous state (so guards nest).
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    bool m_wereEnabled;
};

} // namespace keel::interrupts
