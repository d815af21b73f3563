// Turns the bytes a PS/2 keyboard sends in scancode set 1 (what the i8042 delivers with
// translation on) into key events with the US layout: shift, caps lock, ctrl, alt, and the
// 0xE0-prefixed extended keys (arrows, home/end, page up/down, insert/delete, right ctrl/alt).
//
//     keel::keyboard::ScancodeDecoder decoder;
//     if (auto event = decoder.decode(byte); event && event->isPressed())
//         handle(*event);
#pragma once

#include "keyboard/keyevent.h"

#include <ktl/optional.h>

namespace keel::keyboard {

class ScancodeDecoder {
public:
    static constexpr u8 kExtendedPrefix = 0xe0;
    static constexpr u8 kPausePrefix = 0xe1; // Pause sends E1 1D 45 E1 9D C5 and no release
    static constexpr u8 kReleaseBit = 0x80;

    // One byte from the keyboard; an event once a whole scancode has arrived.
    ktl::Optional<KeyEvent> decode(u8 byte);

    u8 modifiers() const;

private:
    KeyEvent decodeExtended(u8 code, KeyAction action);
    KeyEvent decodeBasic(u8 code, KeyAction action);
    void track(Key key, KeyAction action);
    char applyLayout(u8 code) const;

    bool m_extended = false;
    int m_pauseBytesLeft = 0;
    bool m_leftShift = false;
    bool m_rightShift = false;
    bool m_leftCtrl = false;
    bool m_rightCtrl = false;
    bool m_leftAlt = false;
    bool m_rightAlt = false;
    bool m_capsLock = false;
    bool m_capsLockHeld = false;
};

} // namespace keel::keyboard
