// The hardware text cursor, through the VGA CRT controller's index/data port pair (IBM VGA
// Technical Reference, "CRT Controller Registers": Cursor Start 0Ah, Cursor End 0Bh, Cursor
// Location High/Low 0Eh/0Fh).
//
//     keel::vga::CrtcCursor<keel::io::PortIoWindow> cursor(keel::io::PortIoWindow(0x3d4));
//     cursor.show();
//     cursor.moveTo(row * 80 + column);
//
// `Io` provides `u8 read8(u16 offset)` and `void write8(u16 offset, u8 value)`; offset 0 is the
// index register, offset 1 the data register.
#pragma once

#include <ktl/types.h>

namespace keel::vga {

enum class CrtcRegister : u8 {
    CursorStart = 0x0a, // bits 0-4 first scan line, bit 5 hides the cursor
    CursorEnd = 0x0b, // bits 0-4 last scan line
    CursorLocationHigh = 0x0e,
    CursorLocationLow = 0x0f,
};

template<typename Io> class CrtcCursor {
public:
    static constexpr u8 kCursorDisable = 0x20;
    // An underline cursor in the 16-line character cell.
    static constexpr u8 kFirstScanLine = 14;
    static constexpr u8 kLastScanLine = 15;

    explicit constexpr CrtcCursor(Io io)
        : m_io(io)
    {
    }

    // A machine without VGA (microvm) reads 0xff from the ports; a CRTC keeps what we store in
    // the cursor location. The location is restored, so the check moves nothing.
    bool isPresent()
    {
        u8 saved = read(CrtcRegister::CursorLocationLow);
        write(CrtcRegister::CursorLocationLow, 0x5a);
        bool present = read(CrtcRegister::CursorLocationLow) == 0x5a;
        write(CrtcRegister::CursorLocationLow, saved);
        return present;
    }

    // Keeps the reserved bits the BIOS left in both registers.
    void show()
    {
        write(CrtcRegister::CursorStart,
            u8((read(CrtcRegister::CursorStart) & 0xc0) | kFirstScanLine));
        write(CrtcRegister::CursorEnd, u8((read(CrtcRegister::CursorEnd) & 0xe0) | kLastScanLine));
    }

    void hide() { write(CrtcRegister::CursorStart, kCursorDisable); }

    // `position` counts cells from the top-left corner: row * columns + column.
    void moveTo(u16 position)
    {
        write(CrtcRegister::CursorLocationLow, u8(position & 0xff));
        write(CrtcRegister::CursorLocationHigh, u8(position >> 8));
    }

private:
    u8 read(CrtcRegister reg)
    {
        m_io.write8(0, u8(reg));
        return m_io.read8(1);
    }
    void write(CrtcRegister reg, u8 value)
    {
        m_io.write8(0, u8(reg));
        m_io.write8(1, value);
    }

    Io m_io;
};

} // namespace keel::vga
