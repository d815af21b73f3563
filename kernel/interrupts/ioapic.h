// The I/O APIC (Intel 82093AA datasheet, 3.2): an index register at 0x00 and a data window at
// 0x10; redirection entry n is registers 0x10 + 2n (low half) and 0x11 + 2n (high half, the
// destination APIC id in bits 24-31). `Io` is as for LocalApic.
//
//     IoApic<mmio::MmioWindow> ioApic { mmio::MmioWindow(0xfec00000) };
//     ioApic.route(route.pin, 36, route, apicId);
#pragma once

#include "interrupts/irqrouting.h"

namespace keel::interrupts {

template<typename Io>
class IoApic {
public:
    static constexpr u32 kSelect = 0x00;
    static constexpr u32 kWindow = 0x10;
    static constexpr u32 kVersionRegister = 0x01;
    static constexpr u32 kRedirectionBase = 0x10;
    static constexpr u32 kMasked = 1 << 16;
    static constexpr u32 kLevelTriggered = 1 << 15;
    static constexpr u32 kActiveLow = 1 << 13;

    explicit constexpr IoApic(Io io) : m_io(io) { }

    // False when nothing answers at the address (reads of unbacked MMIO return all ones).
    bool isPresent() { return read(kVersionRegister) != 0xffffffff; }
    u8 pinCount() { return u8(((read(kVersionRegister) >> 16) & 0xff) + 1); }

    void maskAll()
    {
        for (u8 pin = 0; pin < pinCount(); ++pin)
            mask(pin);
    }

    void mask(u8 pin) { write(kRedirectionBase + 2 * pin, kMasked); }

    // Fixed delivery, physical destination `apicId`, unmasked.
    void route(u8 pin, u8 vector, const IrqRoute& route, u8 apicId)
    {
        u32 low = vector | (route.levelTriggered ? kLevelTriggered : 0) | (route.activeLow ? kActiveLow : 0);
        write(kRedirectionBase + 2 * pin + 1, u32(apicId) << 24);
        write(kRedirectionBase + 2 * pin, low);
    }

private:
    u32 read(u32 index)
    {
        m_io.write32(kSelect, index);
        return m_io.read32(kWindow);
    }

    void write(u32 index, u32 value)
    {
        m_io.write32(kSelect, index);
        m_io.write32(kWindow, value);
    }

    Io m_io;
};

} // namespace keel::interrupts
