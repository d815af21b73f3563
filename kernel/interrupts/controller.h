// Kernel-internal access to the interrupt controllers, for modules built on `interrupts` (the
// timer programs the local APIC timer through it).
//
//     if (auto* apic = keel::interrupts::localApic())
//         apic->startTimer(vector, LocalApicTimerMode::OneShot, ticks);
#pragma once

#include "arch/x86_64/mmio.h"
#include "interrupts/localapic.h"

namespace keel::interrupts {

using KernelLocalApic = LocalApic<mmio::MmioWindow>;

// The boot CPU's local APIC, or nullptr when the CPU has none (or interrupts are not set up yet).
KernelLocalApic* localApic();

} // namespace keel::interrupts
