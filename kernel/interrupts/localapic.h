// The local APIC in xAPIC mode (Intel SDM Vol. 3A, 11.4-11.5): enable with a spurious vector,
// acknowledge interrupts, program the LINT pins and the timer. `Io` provides
// `u32 read32(u32 offset)` and `void write32(u32 offset, u32 value)` (mmio::MmioWindow in the
// kernel, a fake in host tests).
//
//     LocalApic<mmio::MmioWindow> apic { mmio::MmioWindow(0xfee00000) };
//     apic.enable(kSpuriousVector);
//     apic.startTimer(vector, LocalApicTimerMode::OneShot, ticks);
#pragma once

#include <ktl/types.h>

namespace keel::interrupts {

namespace LocalApicRegister {
inline constexpr u32 kId = 0x20;
inline constexpr u32 kTaskPriority = 0x80;
inline constexpr u32 kEndOfInterrupt = 0xb0;
inline constexpr u32 kSpuriousInterrupt = 0xf0;  // bit 8: APIC software enable; the vector
inline constexpr u32 kLvtTimer = 0x320;
inline constexpr u32 kLvtLint0 = 0x350;
inline constexpr u32 kLvtLint1 = 0x360;
inline constexpr u32 kLvtError = 0x370;
inline constexpr u32 kTimerInitialCount = 0x380; // writing starts the count-down; 0 stops it
inline constexpr u32 kTimerCurrentCount = 0x390;
inline constexpr u32 kTimerDivide = 0x3e0;
} // namespace LocalApicRegister

namespace LocalApicBits {
inline constexpr u32 kSoftwareEnable = 1 << 8;
inline constexpr u32 kMasked = 1 << 16;
inline constexpr u32 kTimerPeriodic = 1 << 17;
inline constexpr u32 kDeliveryNmi = 0b100 << 8;
inline constexpr u32 kDeliveryExtInt = 0b111 << 8;
inline constexpr u32 kDivideBy16 = 0b0011;
} // namespace LocalApicBits

enum class LocalApicTimerMode { OneShot, Periodic };
// Whether LINT0 passes the 8259's interrupts through (virtual wire) or is masked.
enum class PicPassThrough { Off, On };

template<typename Io>
class LocalApic {
public:
    explicit constexpr LocalApic(Io io) : m_io(io) { }

    void enable(u8 spuriousVector, PicPassThrough pic)
    {
        using namespace LocalApicRegister;
        m_io.write32(kTaskPriority, 0);
        m_io.write32(kLvtTimer, LocalApicBits::kMasked);
        m_io.write32(kLvtError, LocalApicBits::kMasked);
        m_io.write32(kLvtLint0, pic == PicPassThrough::On ? LocalApicBits::kDeliveryExtInt : LocalApicBits::kMasked);
        m_io.write32(kLvtLint1, LocalApicBits::kDeliveryNmi);
        m_io.write32(kSpuriousInterrupt, LocalApicBits::kSoftwareEnable | spuriousVector);
    }

    void endOfInterrupt() { m_io.write32(LocalApicRegister::kEndOfInterrupt, 0); }
    u8 id() { return u8(m_io.read32(LocalApicRegister::kId) >> 24); }

    // The timer counts down at the bus clock / 16 from `ticks`, then raises `vector`.
    void startTimer(u8 vector, LocalApicTimerMode mode, u32 ticks)
    {
        using namespace LocalApicRegister;
        m_io.write32(kTimerDivide, LocalApicBits::kDivideBy16);
        m_io.write32(kLvtTimer, vector | (mode == LocalApicTimerMode::Periodic ? LocalApicBits::kTimerPeriodic : 0));
        m_io.write32(kTimerInitialCount, ticks);
    }

    void stopTimer()
    {
        m_io.write32(LocalApicRegister::kTimerInitialCount, 0);
        m_io.write32(LocalApicRegister::kLvtTimer, LocalApicBits::kMasked);
    }

    u32 timerCurrentCount() { return m_io.read32(LocalApicRegister::kTimerCurrentCount); }

private:
    Io m_io;
};

} // namespace keel::interrupts
