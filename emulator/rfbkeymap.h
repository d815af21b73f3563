// RfbKeyMap: X keysyms and XT scancodes (set 1, "E0 xx" as 0x80|xx) for typing text into a guest
// through QEMU's extended key events, US layout.
//
//   for (const Keel::RfbKey &key : Keel::RfbKeyMap::keysForText(u"help\n"_s)) client->tapKey(key);
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace Keel {

struct RfbKey {
    quint32 keysym = 0;
    quint32 scancode = 0;
    enum class Shift { No, Yes } shift = Shift::No;
};

namespace RfbKeyMap {

inline constexpr RfbKey kReturn{0xff0d, 0x1c};
inline constexpr RfbKey kBackspace{0xff08, 0x0e};
inline constexpr RfbKey kTab{0xff09, 0x0f};
inline constexpr RfbKey kEscape{0xff1b, 0x01};
inline constexpr RfbKey kLeftShift{0xffe1, 0x2a};
inline constexpr RfbKey kUp{0xff52, 0xc8};
inline constexpr RfbKey kDown{0xff54, 0xd0};
inline constexpr RfbKey kLeft{0xff51, 0xcb};
inline constexpr RfbKey kRight{0xff53, 0xcd};

// Printable ASCII, '\n' and '\t'; nothing for other characters.
std::optional<RfbKey> keyForCharacter(QChar character);
// Skips characters without a key.
QList<RfbKey> keysForText(const QString &text);

} // namespace RfbKeyMap

} // namespace Keel
