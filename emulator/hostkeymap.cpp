#include "hostkeymap.h"

#include <Qt>

namespace Keel::HostKeyMap {

namespace {

struct SpecialKey {
    int qtKey;
    quint32 keysym;
    quint32 scancode;
};

// X keysyms from X11/keysymdef.h; scancodes of a PC/AT keyboard in set 1.
constexpr SpecialKey kSpecialKeys[] = {
    {Qt::Key_Escape, 0xff1b, 0x01}, {Qt::Key_Backspace, 0xff08, 0x0e}, {Qt::Key_Tab, 0xff09, 0x0f},
    {Qt::Key_Backtab, 0xff09, 0x0f}, {Qt::Key_Return, 0xff0d, 0x1c}, {Qt::Key_Enter, 0xff8d, 0x9c},
    {Qt::Key_Control, 0xffe3, 0x1d}, {Qt::Key_Shift, 0xffe1, 0x2a}, {Qt::Key_Alt, 0xffe9, 0x38},
    {Qt::Key_AltGr, 0xffea, 0xb8}, {Qt::Key_Meta, 0xffeb, 0xdb}, {Qt::Key_CapsLock, 0xffe5, 0x3a},
    {Qt::Key_NumLock, 0xff7f, 0x45}, {Qt::Key_ScrollLock, 0xff14, 0x46},
    {Qt::Key_Home, 0xff50, 0xc7}, {Qt::Key_Up, 0xff52, 0xc8}, {Qt::Key_PageUp, 0xff55, 0xc9},
    {Qt::Key_Left, 0xff51, 0xcb}, {Qt::Key_Right, 0xff53, 0xcd}, {Qt::Key_End, 0xff57, 0xcf},
    {Qt::Key_Down, 0xff54, 0xd0}, {Qt::Key_PageDown, 0xff56, 0xd1}, {Qt::Key_Insert, 0xff63, 0xd2},
    {Qt::Key_Delete, 0xffff, 0xd3}, {Qt::Key_F11, 0xffc8, 0x57}, {Qt::Key_F12, 0xffc9, 0x58},
};

} // namespace

std::optional<RfbKey> keyFor(int qtKey)
{
    for (const SpecialKey &special : kSpecialKeys) {
        if (special.qtKey == qtKey)
            return RfbKey{special.keysym, special.scancode};
    }
    // F1–F10 are consecutive in both tables.
    if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F10)
        return RfbKey{quint32(0xffbe + qtKey - Qt::Key_F1), quint32(0x3b + qtKey - Qt::Key_F1)};
    if (qtKey < 0x20 || qtKey > 0x7e)
        return std::nullopt;
    // Qt reports letters upper case whatever Shift says; the physical key is the unshifted one.
    const QChar character = QChar(qtKey).toLower();
    std::optional<RfbKey> key = RfbKeyMap::keyForCharacter(character);
    if (!key)
        return std::nullopt;
    key->keysym = character.unicode();
    key->shift = RfbKey::Shift::No;
    return key;
}

} // namespace Keel::HostKeyMap
