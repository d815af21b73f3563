// Serial line assembly and the flood cap. A failure here means serial lines would be glued or
// mis-timed in the IDE, or a guest printing in a loop would eat the host's memory.
#include "emulator/lineassembler.h"
#include "emulator/serialbuffer.h"

#include <gtest/gtest.h>

using namespace Keel;

TEST(LineAssembler, SplitsOnNewlinesAndStripsCarriageReturns)
{
    LineAssembler lines;
    QList<SerialLine> out = lines.feed("Hello from Keel!\r\nargv: hel", 5);
    ASSERT_EQ(out.size(), 1);
    EXPECT_EQ(out[0].text, u"Hello from Keel!");
    EXPECT_EQ(out[0].milliseconds, 5);
    out = lines.feed("lo\n\nmemory: 2M", 9);
    ASSERT_EQ(out.size(), 2);
    EXPECT_EQ(out[0].text, u"argv: hello");
    EXPECT_EQ(out[0].milliseconds, 5); // stamped with the time its first byte came
    EXPECT_EQ(out[1].text, u"");
    out = lines.flush();
    ASSERT_EQ(out.size(), 1);
    EXPECT_EQ(out[0].text, u"memory: 2M");
    EXPECT_EQ(out[0].milliseconds, 9);
    EXPECT_TRUE(lines.flush().isEmpty());
}

TEST(LineAssembler, CutsOverlongLines)
{
    LineAssembler lines(8);
    const QList<SerialLine> out = lines.feed("0123456789abcdefXY\n", 1);
    ASSERT_EQ(out.size(), 3);
    EXPECT_EQ(out[0].text, u"01234567");
    EXPECT_EQ(out[1].text, u"89abcdef");
    EXPECT_EQ(out[2].text, u"XY");
}

TEST(SerialBuffer, PassesEverythingBelowTheCap)
{
    SerialBuffer buffer(16);
    buffer.append("hello ");
    buffer.append("world");
    EXPECT_EQ(buffer.take(), "hello world");
    EXPECT_TRUE(buffer.isEmpty());
    EXPECT_EQ(buffer.totalDropped(), 0);
}

TEST(SerialBuffer, DropsBeyondTheCapWithAVisibleMarker)
{
    SerialBuffer buffer(10);
    buffer.append("0123456");
    buffer.append("789abcdef");
    EXPECT_EQ(buffer.take(), "0123456789\n[… 6 bytes dropped]\n");
    buffer.append("next");
    EXPECT_EQ(buffer.take(), "next"); // the marker is reported once
    EXPECT_EQ(buffer.totalDropped(), 6);
}

TEST(SerialBuffer, FloodOfTenMegabytesStaysBounded)
{
    constexpr qsizetype kCap = 256 * 1024;
    SerialBuffer buffer(kCap);
    const QByteArray chunk(4096, 'x');
    qint64 delivered = 0;
    for (int i = 0; i < 2560; ++i) { // 10 MiB, taken by a consumer only every 100 chunks
        buffer.append(chunk);
        if (i % 100 == 99) {
            const QByteArray out = buffer.take();
            EXPECT_LE(out.size(), kCap + 64);
            delivered += out.count('x');
        }
    }
    delivered += buffer.take().count('x');
    EXPECT_EQ(delivered + buffer.totalDropped(), 2560 * 4096);
    EXPECT_GT(buffer.totalDropped(), 0);
}
