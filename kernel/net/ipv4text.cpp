#include "net/ipv4text.h"

namespace keel::net {

void Ipv4Text::netmask(u8 out[4]) const
{
    const u32 mask = prefixLength == 0 ? 0 : ~u32(0) << (32 - prefixLength);
    for (int i = 0; i < 4; ++i)
        out[i] = u8(mask >> (24 - 8 * i));
}

ktl::Optional<Ipv4Text> Ipv4Text::parse(ktl::StringView text)
{
    Ipv4Text result;
    ktl::StringView address = text;
    if (auto slash = text.find('/')) {
        address = text.substring(0, *slash);
        const ktl::StringView prefix = text.substring(*slash + 1);
        const auto length = prefix.size() <= 2 ? prefix.toUnsigned() : ktl::Optional<u64>();
        if (!length || *length > 32 || prefix.startsWith("0x"))
            return {};
        result.prefixLength = u8(*length);
    }
    size_t start = 0;
    for (int part = 0; part < 4; ++part) {
        const auto dot = address.find('.', start);
        if (part < 3 && !dot)
            return {};
        if (part == 3 && dot)
            return {};
        const size_t end = part < 3 ? *dot : address.size();
        const ktl::StringView digits = address.substring(start, end - start);
        const auto value = digits.size() <= 3 ? digits.toUnsigned() : ktl::Optional<u64>();
        if (!value || *value > 255 || digits.startsWith("0x"))
            return {};
        result.address[part] = u8(*value);
        start = end + 1;
    }
    return result;
}

ktl::StringView commandLineValue(ktl::StringView commandLine, ktl::StringView key)
{
    size_t start = 0;
    while (start < commandLine.size()) {
        size_t end = commandLine.find(' ', start).valueOr(commandLine.size());
        const ktl::StringView word = commandLine.substring(start, end - start);
        if (word.size() > key.size() && word.startsWith(key) && word[key.size()] == '=')
            return word.substring(key.size() + 1);
        start = end + 1;
    }
    return {};
}

} // namespace keel::net
