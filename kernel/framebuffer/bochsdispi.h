// The Bochs/QEMU display interface ("DISPI", QEMU hw/display/bochs-display.c and vga.c): PCI
// device 1234:1111 (bochs-display, and -vga std), linear framebuffer at BAR0, and 16-bit mode
// registers in BAR2's MMIO page at 0x500 + index * 2. Its VGA compatibility registers sit at
// 0x400 + (port - 0x3c0), where only the attribute controller's index port matters here.
//
//     keel::framebuffer::BochsDispi<keel::mmio::MmioWindow> dispi(window);
//     if (dispi.isPresent() && dispi.setMode(800, 600)) ... pixels at BAR0, 32 bpp, stride 800
//
// `Io` provides u16 read16(u32 offset) and void write16/write8(u32 offset, value) relative to
// BAR2; host tests use a fake (tests/kernel/tst_framebuffer.cpp).
#pragma once

#include <ktl/types.h>

namespace keel::framebuffer {

namespace DispiIndex {
inline constexpr u16 kId = 0;
inline constexpr u16 kXResolution = 1;
inline constexpr u16 kYResolution = 2;
inline constexpr u16 kBitsPerPixel = 3;
inline constexpr u16 kEnable = 4;
inline constexpr u16 kBank = 5;
inline constexpr u16 kVirtualWidth = 6;
inline constexpr u16 kVirtualHeight = 7;
inline constexpr u16 kXOffset = 8;
inline constexpr u16 kYOffset = 9;
inline constexpr u16 kVideoMemory64K = 10; // framebuffer size in 64 KiB units
} // namespace DispiIndex

namespace DispiEnable {
inline constexpr u16 kEnabled = 0x01;
inline constexpr u16 kLinearFramebuffer = 0x40;
} // namespace DispiEnable

template<typename Io> class BochsDispi {
public:
    static constexpr u32 kRegisters = 0x500;
    static constexpr u32 kAttributeIndex = 0x400; // VGA port 0x3c0
    static constexpr u8 kPaletteAddressSource = 0x20; // unblanks the VGA output
    static constexpr u16 kFirstId = 0xb0c0;
    static constexpr u16 kLastId = 0xb0cf;
    static constexpr int kBitsPerPixel = 32;

    explicit BochsDispi(Io io)
        : m_io(io)
    {
    }

    bool isPresent() { u16 id = read(DispiIndex::kId); return id >= kFirstId && id <= kLastId; }
    u64 videoMemoryBytes() { return u64(read(DispiIndex::kVideoMemory64K)) * 64 * 1024; }

    // 32 bpp, no panning. False when the device does not take the mode (too large for its video
    // memory, or the resolution reads back different).
    bool setMode(u16 width, u16 height)
    {
        if (u64(width) * height * 4 > videoMemoryBytes())
            return false;
        write(DispiIndex::kEnable, 0);
        write(DispiIndex::kBitsPerPixel, kBitsPerPixel);
        write(DispiIndex::kXResolution, width);
        write(DispiIndex::kYResolution, height);
        write(DispiIndex::kBank, 0);
        write(DispiIndex::kVirtualWidth, width);
        write(DispiIndex::kVirtualHeight, height);
        write(DispiIndex::kXOffset, 0);
        write(DispiIndex::kYOffset, 0);
        write(DispiIndex::kEnable, DispiEnable::kEnabled | DispiEnable::kLinearFramebuffer);
        m_io.write8(kAttributeIndex, kPaletteAddressSource);
        return read(DispiIndex::kXResolution) == width && read(DispiIndex::kYResolution) == height
            && read(DispiIndex::kBitsPerPixel) == kBitsPerPixel;
    }

private:
    u16 read(u16 index) { return m_io.read16(kRegisters + index * 2); }
    void write(u16 index, u16 value) { m_io.write16(kRegisters + index * 2, value); }

    Io m_io;
};

} // namespace keel::framebuffer
