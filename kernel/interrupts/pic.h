// The two cascaded 8259A PICs (Intel 8259A datasheet; ports 0x20/0x21 and 0xa0/0xa1), remapped
// so IRQ 0-15 arrive on vectors 32-47 instead of colliding with CPU exceptions. `Io` provides
// `u8 read8(u16 port)` and `void write8(u16 port, u8 value)` on absolute ports.
//
//     Pic<PortIo> pic;
//     pic.remapAndMaskAll(32);
//     pic.unmask(4);
#pragma once

#include <ktl/types.h>

namespace keel::interrupts {

template<typename Io>
class Pic {
public:
    static constexpr u16 kPrimaryCommand = 0x20;
    static constexpr u16 kPrimaryData = 0x21;
    static constexpr u16 kSecondaryCommand = 0xa0;
    static constexpr u16 kSecondaryData = 0xa1;
    static constexpr u8 kInitialise = 0x11;     // ICW1: edge, cascade, ICW4 follows
    static constexpr u8 kMode8086 = 0x01;       // ICW4
    static constexpr u8 kEndOfInterrupt = 0x20;
    static constexpr u8 kReadInService = 0x0b;  // OCW3
    static constexpr u8 kCascadeIrq = 2;

    explicit constexpr Pic(Io io = Io()) : m_io(io) { }

    void remapAndMaskAll(u8 firstVector)
    {
        m_io.write8(kPrimaryCommand, kInitialise);
        m_io.write8(kSecondaryCommand, kInitialise);
        m_io.write8(kPrimaryData, firstVector);
        m_io.write8(kSecondaryData, u8(firstVector + 8));
        m_io.write8(kPrimaryData, 1 << kCascadeIrq); // ICW3: secondary on IRQ 2
        m_io.write8(kSecondaryData, kCascadeIrq);
        m_io.write8(kPrimaryData, kMode8086);
        m_io.write8(kSecondaryData, kMode8086);
        m_masks = 0xffff;
        writeMasks();
    }

    void unmask(u8 irq)
    {
        m_masks &= u16(~(1u << irq));
        if (irq >= 8)
            m_masks &= u16(~(1u << kCascadeIrq));
        writeMasks();
    }

    void mask(u8 irq)
    {
        m_masks |= u16(1u << irq);
        writeMasks();
    }

    // IRQ 7 and 15 fire spuriously when a request vanishes before acknowledgement; the
    // in-service bit tells them apart. A spurious IRQ 15 still needs the primary's EOI (cascade).
    bool isSpurious(u8 irq)
    {
        if (irq != 7 && irq != 15)
            return false;
        u16 command = irq == 7 ? kPrimaryCommand : kSecondaryCommand;
        m_io.write8(command, kReadInService);
        bool spurious = !(m_io.read8(command) & 0x80);
        if (spurious && irq == 15)
            m_io.write8(kPrimaryCommand, kEndOfInterrupt);
        return spurious;
    }

    void endOfInterrupt(u8 irq)
    {
        if (irq >= 8)
            m_io.write8(kSecondaryCommand, kEndOfInterrupt);
        m_io.write8(kPrimaryCommand, kEndOfInterrupt);
    }

    u16 masks() const { return m_masks; }

private:
    void writeMasks()
    {
        m_io.write8(kPrimaryData, u8(m_masks));
        m_io.write8(kSecondaryData, u8(m_masks >> 8));
    }

    Io m_io;
    u16 m_masks = 0xffff;
};

} // namespace keel::interrupts
