// Scancode set 1 decoding with the US layout (IBM PC AT Technical Reference, keyboard scan
// codes; Microsoft "Keyboard Scan Code Specification" rev. 1.3a for the 0xE0 extended codes).
#include "keyboard/scancodedecoder.h"

namespace keel::keyboard {
namespace {

// Characters for make codes 0x00-0x39 without and with shift; 0 = not a typing key.
// clang-format off
constexpr char kUnshifted[0x3a] = {
    0, 0, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0, 0,
    'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', 0, 0, 'a', 's',
    'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
    'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
constexpr char kShifted[0x3a] = {
    0, 0, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0, 0,
    'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', 0, 0, 'A', 'S',
    'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
    'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};
// The numeric keypad, 0x47-0x53, typed as digits (NumLock is not modelled: QEMU's kp_* keys
// are meant as digits).
constexpr char kKeypad[0x0d] = { '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.' };
// clang-format on

struct ExtendedKey {
    u8 code;
    Key key;
};
// clang-format off
constexpr ExtendedKey kExtendedKeys[] = {
    { 0x1c, Key::Enter }, { 0x1d, Key::RightCtrl }, { 0x38, Key::RightAlt },
    { 0x47, Key::Home }, { 0x48, Key::Up }, { 0x49, Key::PageUp }, { 0x4b, Key::Left },
    { 0x4d, Key::Right }, { 0x4f, Key::End }, { 0x50, Key::Down }, { 0x51, Key::PageDown },
    { 0x52, Key::Insert }, { 0x53, Key::Delete },
};
// clang-format on

Key basicKey(u8 code)
{
    switch (code) {
    case 0x01:
        return Key::Escape;
    case 0x0e:
        return Key::Backspace;
    case 0x0f:
        return Key::Tab;
    case 0x1c:
        return Key::Enter;
    case 0x1d:
        return Key::LeftCtrl;
    case 0x2a:
        return Key::LeftShift;
    case 0x36:
        return Key::RightShift;
    case 0x38:
        return Key::LeftAlt;
    case 0x3a:
        return Key::CapsLock;
    case 0x45:
        return Key::NumLock;
    case 0x46:
        return Key::ScrollLock;
    case 0x57:
        return Key::F11;
    case 0x58:
        return Key::F12;
    default:
        break;
    }
    if (code >= 0x3b && code <= 0x44)
        return Key(u8(Key::F1) + (code - 0x3b));
    return Key::Unknown;
}

bool isLetter(char c)
{
    return c >= 'a' && c <= 'z';
}

} // namespace

ktl::Optional<KeyEvent> ScancodeDecoder::decode(u8 byte)
{
    if (m_pauseBytesLeft > 0) {
        --m_pauseBytesLeft;
        return {};
    }
    if (byte == kPausePrefix) {
        m_pauseBytesLeft = 5;
        return {};
    }
    if (byte == kExtendedPrefix) {
        m_extended = true;
        return {};
    }
    KeyAction action = (byte & kReleaseBit) ? KeyAction::Released : KeyAction::Pressed;
    u8 code = byte & u8(~kReleaseBit);
    bool extended = m_extended;
    m_extended = false;
    // E0 2A / E0 36 are fake shifts some keyboards wrap around extended keys: not real presses.
    if (extended && (code == 0x2a || code == 0x36))
        return {};
    KeyEvent event = extended ? decodeExtended(code, action) : decodeBasic(code, action);
    track(event.key, action);
    event.modifiers = modifiers();
    return event;
}

KeyEvent ScancodeDecoder::decodeExtended(u8 code, KeyAction action)
{
    KeyEvent event;
    event.action = action;
    if (code == 0x35) { // keypad '/'
        event.key = Key::Character;
        event.character = '/';
        return event;
    }
    for (const ExtendedKey& entry : kExtendedKeys) {
        if (entry.code == code)
            event.key = entry.key;
    }
    if (event.key == Key::Enter)
        event.character = '\n';
    return event;
}

KeyEvent ScancodeDecoder::decodeBasic(u8 code, KeyAction action)
{
    KeyEvent event;
    event.action = action;
    event.key = basicKey(code);
    if (event.key == Key::Enter)
        event.character = '\n';
    else if (event.key == Key::Tab)
        event.character = '\t';
    else if (event.key == Key::Unknown) {
        event.character = applyLayout(code);
        if (event.character)
            event.key = Key::Character;
    }
    return event;
}

char ScancodeDecoder::applyLayout(u8 code) const
{
    if (code >= 0x47 && code <= 0x53)
        return kKeypad[code - 0x47];
    if (code >= sizeof(kUnshifted))
        return 0;
    bool shift = m_leftShift || m_rightShift;
    char plain = kUnshifted[code];
    // Caps lock shifts letters only; with shift held it turns them back to lower case.
    if (isLetter(plain) && m_capsLock)
        shift = !shift;
    return shift ? kShifted[code] : plain;
}

void ScancodeDecoder::track(Key key, KeyAction action)
{
    bool down = action == KeyAction::Pressed;
    switch (key) {
    case Key::LeftShift:
        m_leftShift = down;
        break;
    case Key::RightShift:
        m_rightShift = down;
        break;
    case Key::LeftCtrl:
        m_leftCtrl = down;
        break;
    case Key::RightCtrl:
        m_rightCtrl = down;
        break;
    case Key::LeftAlt:
        m_leftAlt = down;
        break;
    case Key::RightAlt:
        m_rightAlt = down;
        break;
    case Key::CapsLock:
        // Holding the key repeats its make code; only the first press toggles the lock.
        if (down && !m_capsLockHeld)
            m_capsLock = !m_capsLock;
        m_capsLockHeld = down;
        break;
    default:
        break;
    }
}

u8 ScancodeDecoder::modifiers() const
{
    u8 bits = 0;
    if (m_leftShift || m_rightShift)
        bits |= Modifier::kShift;
    if (m_leftCtrl || m_rightCtrl)
        bits |= Modifier::kCtrl;
    if (m_leftAlt || m_rightAlt)
        bits |= Modifier::kAlt;
    if (m_capsLock)
        bits |= Modifier::kCapsLock;
    return bits;
}

} // namespace keel::keyboard
