// Integer and floating-point rendering for ktl::format (see formatnumber.h).
#include <lib/formatnumber.h>

#include <ktl/utility.h>

namespace ktl {

char* renderUnsigned(u64 value, unsigned base, bool upper, char* end)
{
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        *--end = digits[value % base];
        value /= base;
    } while (value != 0);
    return end;
}

namespace {

// Scales huge values into [1, 10) and returns the decimal exponent taken out.
int takeExponent(double& value)
{
    int exponent = 0;
    if (value < 1e19)
        return 0;
    while (value >= 10.0) {
        value /= 10.0;
        ++exponent;
    }
    return exponent;
}

size_t appendFraction(u64 fraction, int digits, bool trim, char* out)
{
    char text[kMaxDoublePrecision];
    for (int i = digits - 1; i >= 0; --i) {
        text[i] = char('0' + fraction % 10);
        fraction /= 10;
    }
    size_t keep = size_t(digits);
    while (trim && keep > 0 && text[keep - 1] == '0')
        --keep;
    if (keep == 0)
        return 0;
    out[0] = '.';
    for (size_t i = 0; i < keep; ++i)
        out[1 + i] = text[i];
    return keep + 1;
}

size_t appendExponent(int exponent, char* out)
{
    char buffer[8];
    char* end = buffer + sizeof(buffer);
    char* start = renderUnsigned(u64(exponent), 10, false, end);
    size_t length = 0;
    out[length++] = 'e';
    out[length++] = '+';
    if (end - start < 2)
        out[length++] = '0';
    while (start < end)
        out[length++] = *start++;
    return length;
}

} // namespace

size_t renderDouble(double value, int precision, char* out)
{
    bool trim = precision < 0;
    int digits = trim ? 6 : min(precision, kMaxDoublePrecision);
    int exponent = takeExponent(value);
    u64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    u64 whole = u64(value);
    u64 fraction = u64((value - double(whole)) * double(scale) + 0.5);
    if (fraction >= scale) {
        ++whole;
        fraction -= scale;
    }
    if (exponent > 0 && whole >= 10) { // rounding carried 9.99... up to 10
        whole = 1;
        ++exponent;
    }
    char buffer[24];
    char* end = buffer + sizeof(buffer);
    char* start = renderUnsigned(whole, 10, false, end);
    size_t length = 0;
    while (start < end)
        out[length++] = *start++;
    length += appendFraction(fraction, digits, trim, out + length);
    if (exponent > 0)
        length += appendExponent(exponent, out + length);
    return length;
}

} // namespace ktl
