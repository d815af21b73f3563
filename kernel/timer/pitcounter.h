// Reading the i8254 PIT's channel 0 as a free-running counter (Intel 8254 datasheet: mode 2, the
// counter-latch command), the reference the TSC is calibrated against. Channel 0 is used rather
// than the classic channel 2 because channel 2's gate and output live in port 0x61, which QEMU's
// microvm does not have (its PC speaker device is missing), while every QEMU PIT has channel 0.
// Its IRQ 0 stays masked meanwhile. `Io` provides `u8 read8(u16 port)` and
// `void write8(u16 port, u8 value)` on absolute ports.
//
//     PitCounter<PortIo> pit;
//     pit.startFreeRunning();
//     u16 before = pit.read();  ...  u16 ticks = u16(before - pit.read());
#pragma once

#include <ktl/types.h>

namespace keel {

template<typename Io>
class PitCounter {
public:
    static constexpr u16 kChannel0 = 0x40;
    static constexpr u16 kCommand = 0x43;
    static constexpr u8 kChannel0RateGenerator = 0x34; // channel 0, low then high byte, mode 2
    static constexpr u8 kLatchChannel0 = 0x00;

    explicit constexpr PitCounter(Io io = Io()) : m_io(io) { }

    // Counts down from 65536 (written as 0) and reloads, forever; u16 differences of two reads
    // are the ticks in between as long as fewer than 65536 passed (55 ms).
    void startFreeRunning()
    {
        m_io.write8(kCommand, kChannel0RateGenerator);
        m_io.write8(kChannel0, 0);
        m_io.write8(kChannel0, 0);
    }

    // Same wiring, but reloading every `count` ticks: the periodic IRQ 0 tick.
    void startPeriodic(u16 count)
    {
        m_io.write8(kCommand, kChannel0RateGenerator);
        m_io.write8(kChannel0, u8(count));
        m_io.write8(kChannel0, u8(count >> 8));
    }

    u16 read()
    {
        m_io.write8(kCommand, kLatchChannel0);
        u8 low = m_io.read8(kChannel0);
        u8 high = m_io.read8(kChannel0);
        return u16(low | (high << 8));
    }

private:
    Io m_io;
};

// Accumulates PIT ticks across reads of a wrapping down-counter.
class PitTickAccumulator {
public:
    explicit constexpr PitTickAccumulator(u16 first) : m_previous(first) { }
    u64 add(u16 current)
    {
        m_total += u16(m_previous - current);
        m_previous = current;
        return m_total;
    }
    u64 total() const { return m_total; }

private:
    u16 m_previous;
    u64 m_total = 0;
};

} // namespace keel
