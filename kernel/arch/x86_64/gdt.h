// The final GDT (64-bit code/data and a TSS) and the interrupt stacks it provides.
#pragma once

#include <stdint.h>

namespace keel::arch {

inline constexpr uint16_t kKernelCodeSelector = 0x08;
inline constexpr uint16_t kKernelDataSelector = 0x10;
inline constexpr uint16_t kTssSelector = 0x18;

// Interrupt Stack Table slots: these exceptions switch to a known-good stack so they still report
// when the faulting code's stack is gone (e.g. a stack overflow into the guard page).
enum class IstSlot : uint8_t { None = 0, DoubleFault = 1, PageFault = 2, Nmi = 3 };

void initialiseGdt();

// True when `address` lies inside one of the IST stacks (a fault there means the handler itself
// overflowed).
bool isOnInterruptStack(uint64_t address);

} // namespace keel::arch
