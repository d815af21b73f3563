// Waiting for a device (see waiting.h).
#include "virtio/waiting.h"

#include "arch/x86_64/cpu.h"

#include <keel/config.h>

#if KEEL_FEATURE_INTERRUPTS
#include <keel/interrupts.h>
#endif

namespace keel::virtio {

void waitForDevice(WaitKind kind, const Virtqueue& ring)
{
#if KEEL_FEATURE_INTERRUPTS
    if (kind == WaitKind::Interrupt && interrupts::areEnabled()) {
        interrupts::disable();
        // `sti; hlt` is atomic with respect to interrupts: one arriving after this check wakes
        // the halt instead of being handled before it.
        if (ring.hasUsed())
            interrupts::enable();
        else
            interrupts::waitForInterrupt();
        return;
    }
#else
    (void)kind;
    (void)ring;
#endif
    cpu::pause();
}

} // namespace keel::virtio
