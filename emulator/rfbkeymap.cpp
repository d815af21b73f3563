#include "rfbkeymap.h"

namespace Keel::RfbKeyMap {

namespace {

// The US layout's rows as (unshifted, shifted, scancode of the first key): each row's keys have
// consecutive scancodes.
struct Row {
    const char *plain;
    const char *shifted;
    quint32 firstScancode;
};

constexpr Row kRows[] = {
    {"1234567890-=", "!@#$%^&*()_+", 0x02},
    {"qwertyuiop[]", "QWERTYUIOP{}", 0x10},
    {"asdfghjkl;'`", "ASDFGHJKL:\"~", 0x1e},
    {"\\zxcvbnm,./", "|ZXCVBNM<>?", 0x2b},
};

} // namespace

std::optional<RfbKey> keyForCharacter(QChar character)
{
    const char16_t c = character.unicode();
    if (c == u'\n' || c == u'\r')
        return kReturn;
    if (c == u'\t')
        return kTab;
    if (c == u' ')
        return RfbKey{0x20, 0x39};
    for (const Row &row : kRows) {
        for (int i = 0; row.plain[i]; ++i) {
            // X keysyms for printable Latin-1 equal the character's code.
            if (c == char16_t(row.plain[i]))
                return RfbKey{c, row.firstScancode + i};
            if (c == char16_t(row.shifted[i]))
                return RfbKey{c, row.firstScancode + i, RfbKey::Shift::Yes};
        }
    }
    return std::nullopt;
}

QList<RfbKey> keysForText(const QString &text)
{
    QList<RfbKey> keys;
    for (QChar character : text) {
        if (const std::optional<RfbKey> key = keyForCharacter(character))
            keys.append(*key);
    }
    return keys;
}

} // namespace Keel::RfbKeyMap
