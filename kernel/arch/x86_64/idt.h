// The interrupt descriptor table. CPU exceptions (vectors 0-31) are installed by
// initialiseExceptions(); other modules (e.g. an interrupt controller driver) add their own gates.
//
//     keel::arch::setInterruptGate(32, timerStub, keel::arch::IstSlot::None);
#pragma once

#include "arch/x86_64/gdt.h"

#include <stdint.h>

namespace keel::arch {

using InterruptStub = void (*)();

void setInterruptGate(uint8_t vector, InterruptStub stub, IstSlot ist);
void loadIdt();

// Installs gates for all 32 CPU exceptions (IST stacks for #DF, #PF and NMI) and loads the IDT.
void initialiseExceptions();

} // namespace keel::arch
