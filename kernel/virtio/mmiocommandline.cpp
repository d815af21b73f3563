// Parsing of virtio_mmio.device= command-line words (see mmiocommandline.h).
#include "virtio/mmiocommandline.h"

namespace keel::virtio {
namespace {

constexpr ktl::StringView kKey = "virtio_mmio.device=";

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

// "512", "4K", "0x200": a number with an optional binary-unit suffix, as Linux's memparse.
ktl::Optional<u64> parseSize(ktl::StringView text)
{
    if (text.isEmpty())
        return {};
    u64 shift = 0;
    char last = text[text.size() - 1];
    bool isHex = text.startsWith("0x") || text.startsWith("0X");
    if (!isHex) {
        switch (last) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        default: break;
        }
    }
    auto number = (shift ? text.substring(0, text.size() - 1) : text).toUnsigned();
    if (!number || (*number << shift) >> shift != *number)
        return {};
    return *number << shift;
}

} // namespace

ktl::Optional<MmioDeviceSpec> parseMmioDevice(ktl::StringView value)
{
    auto at = value.find('@');
    if (!at)
        return {};
    ktl::StringView rest = value.substring(*at + 1);
    auto colon = rest.find(':');
    if (!colon)
        return {};
    ktl::StringView irqText = rest.substring(*colon + 1);
    // An optional ":<id>" (the first platform device id Linux should use) follows the IRQ.
    if (auto idColon = irqText.find(':'))
        irqText = irqText.substring(0, *idColon);
    auto size = parseSize(value.substring(0, *at));
    auto base = rest.substring(0, *colon).toUnsigned();
    auto irq = irqText.toUnsigned();
    if (!size || *size == 0 || !base || *base == 0 || !irq || *irq > 0xffffffffu)
        return {};
    return MmioDeviceSpec { *base, *size, u32(*irq) };
}

MmioScan parseMmioDevices(ktl::StringView commandLine, ktl::Span<MmioDeviceSpec> out)
{
    MmioScan scan;
    size_t i = 0;
    while (i < commandLine.size()) {
        while (i < commandLine.size() && isBlank(commandLine[i]))
            ++i;
        size_t start = i;
        while (i < commandLine.size() && !isBlank(commandLine[i]))
            ++i;
        ktl::StringView word = commandLine.substring(start, i - start);
        if (!word.startsWith(kKey))
            continue;
        auto spec = parseMmioDevice(word.substring(kKey.size()));
        if (!spec)
            ++scan.malformed;
        else if (scan.found < out.size())
            out[scan.found++] = *spec;
        else
            ++scan.dropped;
    }
    return scan;
}

} // namespace keel::virtio
