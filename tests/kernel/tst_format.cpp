// ktl::format: a wrong spec here shows up as garbled kernel log lines and panic messages.
#include <ktl/format.h>

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>

namespace {

class StringSink final : public ktl::OutputSink {
public:
    void write(ktl::StringView text) override { m_text.append(text.data(), text.size()); }
    std::string m_text;
};

template<typename... Args>
std::string fmt(const char* format, const Args&... args)
{
    StringSink sink;
    ktl::format(sink, format, args...);
    return sink.m_text;
}

struct Point {
    int x;
    int y;
};

} // namespace

template<>
struct ktl::Formatter<Point> {
    static void format(ktl::OutputSink& sink, const Point& p) { ktl::format(sink, "({}, {})", p.x, p.y); }
};

TEST(Format, PlainTextAndEscapes)
{
    EXPECT_EQ(fmt("hello"), "hello");
    EXPECT_EQ(fmt(""), "");
    EXPECT_EQ(fmt("{{}} {{{}}}", 5), "{} {5}");
    EXPECT_EQ(fmt("a}b"), "a}b");
}

TEST(Format, Integers)
{
    EXPECT_EQ(fmt("{} {} {}", 0, -1, 42u), "0 -1 42");
    EXPECT_EQ(fmt("{}", INT64_MIN), "-9223372036854775808");
    EXPECT_EQ(fmt("{}", INT64_MAX), "9223372036854775807");
    EXPECT_EQ(fmt("{}", UINT64_MAX), "18446744073709551615");
    EXPECT_EQ(fmt("{} {}", static_cast<signed char>(-5), static_cast<unsigned char>(200)), "-5 200");
    EXPECT_EQ(fmt("{} {}", static_cast<short>(-300), static_cast<unsigned short>(65535)), "-300 65535");
    EXPECT_EQ(fmt("{} {}", -7L, 7ULL), "-7 7");
    EXPECT_EQ(fmt("{:d}", 12), "12");
}

TEST(Format, HexBinaryOctal)
{
    EXPECT_EQ(fmt("{:x} {:X}", 255, 255), "ff FF");
    EXPECT_EQ(fmt("{:#x} {:#X}", 255, 255), "0xff 0XFF");
    EXPECT_EQ(fmt("{:x}", 0), "0");
    EXPECT_EQ(fmt("{:#x}", 0), "0x0");
    EXPECT_EQ(fmt("{:x}", -255), "-ff");
    EXPECT_EQ(fmt("{:#x}", -1), "-0x1");
    EXPECT_EQ(fmt("{:x}", INT64_MIN), "-8000000000000000");
    EXPECT_EQ(fmt("{:x}", UINT64_MAX), "ffffffffffffffff");
    EXPECT_EQ(fmt("{:b} {:#b}", 5, 5), "101 0b101");
    EXPECT_EQ(fmt("{:b}", UINT64_MAX), std::string(64, '1'));
    EXPECT_EQ(fmt("{:o} {:#o}", 8, 8), "10 010");
}

TEST(Format, WidthFillAndAlignment)
{
    EXPECT_EQ(fmt("{:08x}", 0xbeefu), "0000beef");
    EXPECT_EQ(fmt("{:#010x}", 255), "0x000000ff");
    EXPECT_EQ(fmt("{:05}", -42), "-0042");
    EXPECT_EQ(fmt("{:>8}|", "ab"), "      ab|");
    EXPECT_EQ(fmt("{:<8}|", "ab"), "ab      |");
    EXPECT_EQ(fmt("{:^8}|", "ab"), "   ab   |");
    EXPECT_EQ(fmt("{:8}|", "ab"), "ab      |");     // strings default to left
    EXPECT_EQ(fmt("{:8}|", 12), "      12|");       // numbers default to right
    EXPECT_EQ(fmt("{:<6}|", 12), "12    |");
    EXPECT_EQ(fmt("{:*>6}", 12), "****12");
    EXPECT_EQ(fmt("{:->5}", "x"), "----x");
    EXPECT_EQ(fmt("{:2}", "toolong"), "toolong");   // width is a minimum
    EXPECT_EQ(fmt("{:40}|", 1).size(), 41u);
}

TEST(Format, CharsBoolsStrings)
{
    EXPECT_EQ(fmt("{}{}", 'o', 'k'), "ok");
    EXPECT_EQ(fmt("{:c}", 65), "A");
    EXPECT_EQ(fmt("{:d} {:x}", 'A', 'A'), "65 41");
    EXPECT_EQ(fmt("{} {}", true, false), "true false");
    EXPECT_EQ(fmt("{:d}", true), "1");
    EXPECT_EQ(fmt("{:>6}", false), " false");
    const char* text = "str";
    char buffer[] = "buf";
    EXPECT_EQ(fmt("{} {} {} {}", text, buffer, ktl::StringView("view", 2), "lit"), "str buf vi lit");
    EXPECT_EQ(fmt("{:.2}", "abcdef"), "ab");
    EXPECT_EQ(fmt("{}", static_cast<const char*>(nullptr)), "");
}

TEST(Format, Pointers)
{
    EXPECT_EQ(fmt("{}", reinterpret_cast<void*>(0x1000)), "0x1000");
    EXPECT_EQ(fmt("{:p}", reinterpret_cast<const int*>(0xdeadbeef)), "0xdeadbeef");
    EXPECT_EQ(fmt("{}", nullptr), "0x0");
    EXPECT_EQ(fmt("{:018p}", reinterpret_cast<void*>(0x10)), "0x0000000000000010");
}

TEST(Format, Doubles)
{
    EXPECT_EQ(fmt("{}", 1.5), "1.5");
    EXPECT_EQ(fmt("{}", 2.0), "2");
    EXPECT_EQ(fmt("{}", 0.0), "0");
    EXPECT_EQ(fmt("{}", -0.25), "-0.25");
    EXPECT_EQ(fmt("{:.3}", 3.14159), "3.142");
    EXPECT_EQ(fmt("{:.0}", 2.5), "3");
    EXPECT_EQ(fmt("{:.2}", 9.999), "10.00");
    EXPECT_EQ(fmt("{:.1}", -0.04), "-0.0");
    EXPECT_EQ(fmt("{:f}", 1.0), "1.000000");
    EXPECT_EQ(fmt("{:8.2}|", 3.14159), "    3.14|");
    EXPECT_EQ(fmt("{:08.2}", -3.14159), "-0003.14");
    EXPECT_EQ(fmt("{}", 1e20), "1e+20");
    EXPECT_EQ(fmt("{:.2}", 1.5e300), "1.50e+300");
    EXPECT_EQ(fmt("{}", 12345678.5), "12345678.5");
    EXPECT_EQ(fmt("{}", __builtin_nan("")), "nan");
    EXPECT_EQ(fmt("{}", -__builtin_inf()), "-inf");
    EXPECT_EQ(fmt("{}", 0.5f), "0.5");
}

TEST(Format, PositionalArguments)
{
    EXPECT_EQ(fmt("{1} {0} {1:x}", 10, 255), "255 10 ff");
}

TEST(Format, MistakesShowMarkersInsteadOfCrashing)
{
    EXPECT_EQ(fmt("{} {}", 1), "1 {?}");
    EXPECT_EQ(fmt("{}"), "{?}");
    EXPECT_EQ(fmt("{:q}", 1), "{!}");
    EXPECT_EQ(fmt("{:x}", "text"), "{!}");
    EXPECT_EQ(fmt("{:.2}", 5), "{!}");
    EXPECT_EQ(fmt("{:c}", 300), "{!}");
    EXPECT_EQ(fmt("{:8x8}", 1), "{!}");
    EXPECT_EQ(fmt("{:.}", 1.0), "{!}");
    EXPECT_EQ(fmt("{:f}", 1), "{!}");
    EXPECT_EQ(fmt("open {", 1), "open {!}");
    EXPECT_EQ(fmt("{3}", 1), "{?}");
    EXPECT_EQ(fmt("extra", 1, 2), "extra");
}

TEST(Format, CustomTypesAndErrors)
{
    EXPECT_EQ(fmt("at {}", Point { 1, -2 }), "at (1, -2)");
    ktl::Error error(ktl::ErrorCode::OutOfMemory, "heap is full");
    EXPECT_EQ(fmt("{}", error), "heap is full (out of memory)");
    enum class Colour : u8 { Red = 3 };
    EXPECT_EQ(fmt("{} {:#x}", Colour::Red, ktl::ErrorCode::OutOfMemory), "3 0x1");
}

TEST(Format, FormatToBufferTruncatesAndReportsFullLength)
{
    char buffer[8];
    EXPECT_EQ(ktl::formatToBuffer(buffer, "{}-{}", 123, 456), 7u);
    EXPECT_STREQ(buffer, "123-456");
    EXPECT_EQ(ktl::formatToBuffer(buffer, "{:#x}", 0x123456789ull), 11u);
    EXPECT_STREQ(buffer, "0x12345");
    char one[1] = { 'z' };
    EXPECT_EQ(ktl::formatToBuffer(one, "abc"), 3u);
    EXPECT_EQ(one[0], '\0');
    EXPECT_EQ(ktl::formatToBuffer(ktl::Span<char>(), "abc"), 3u);
}
