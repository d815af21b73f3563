// RfbParser, RfbEncoder and RfbFramebuffer on a session recorded from QEMU 7.2's VNC server
// (data/record-rfb.py against a vga-shell image). A failure here means the IDE's Display tab
// would show a wrong or frozen guest screen, or QEMU would drop the connection.
#include "emulator/rfbencoder.h"
#include "emulator/rfbframebuffer.h"
#include "emulator/rfbparser.h"

#include <QFile>
#include <QtEndian>
#include <gtest/gtest.h>

using namespace Keel;
using Kind = RfbServerMessage::Kind;

namespace {

QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(KEEL_TEST_DATA_DIR "/%1").arg(QLatin1String(name)));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

QStringList summary(const QList<RfbServerMessage> &messages)
{
    QStringList out;
    for (const RfbServerMessage &m : messages) {
        QString line = QString::number(int(m.kind));
        for (const RfbRectangle &r : m.rectangles)
            line += QStringLiteral(" %1,%2,%3,%4,%5:%6").arg(r.x).arg(r.y).arg(r.width).arg(r.height).arg(r.encoding)
                        .arg(qHash(r.pixels));
        out.append(line + m.errorString);
    }
    return out;
}

// The bytes a server in the recorded state (after ServerInit, 720x400) would send.
QByteArray handshake()
{
    const QByteArray session = recorded("vga-shell.rfb");
    return session.first(12 + 2 + 4 + 24 + 4); // version, types, result, ServerInit "QEMU"
}

QByteArray update(const QList<QByteArray> &rectangles)
{
    QByteArray out("\x00\x00", 2);
    quint16 count = qToBigEndian(quint16(rectangles.size()));
    out.append(reinterpret_cast<const char *>(&count), 2);
    for (const QByteArray &r : rectangles)
        out.append(r);
    return out;
}

QByteArray rectangleHeader(quint16 x, quint16 y, quint16 w, quint16 h, qint32 encoding)
{
    QByteArray out(12, '\0');
    auto *d = reinterpret_cast<uchar *>(out.data());
    qToBigEndian(x, d);
    qToBigEndian(y, d + 2);
    qToBigEndian(w, d + 4);
    qToBigEndian(h, d + 6);
    qToBigEndian(quint32(encoding), d + 8);
    return out;
}

} // namespace

TEST(RfbParser, ParsesARecordedQemuSession)
{
    RfbParser parser;
    const QList<RfbServerMessage> messages = parser.feed(recorded("vga-shell.rfb"));
    ASSERT_EQ(messages.size(), 4 + 26);
    EXPECT_EQ(messages[0].kind, Kind::ProtocolVersion);
    EXPECT_EQ(messages[0].minorVersion, 8);
    EXPECT_EQ(messages[1].securityTypes, QList<quint8>{RfbSecurity::kNone});
    EXPECT_TRUE(messages[2].securityAccepted);
    const RfbServerMessage &init = messages[3];
    EXPECT_EQ(init.kind, Kind::ServerInit);
    EXPECT_EQ(init.width, 640); // QEMU's placeholder until the guest sets a video mode
    EXPECT_EQ(init.height, 480);
    EXPECT_EQ(init.name, u"QEMU");
    EXPECT_EQ(init.pixelFormat, RfbPixelFormat::rgb32());
    // QEMU acknowledges the extended key event encoding with an empty pseudo-rectangle.
    EXPECT_EQ(messages[4].rectangles.value(0).encoding, RfbEncoding::kQemuExtendedKeyEvent);
    EXPECT_EQ(messages[5].rectangles.value(0).pixels.size(), 640 * 480 * 4);
    const RfbRectangle resize = messages[6].rectangles.value(0);
    EXPECT_EQ(resize.encoding, RfbEncoding::kDesktopSize);
    EXPECT_EQ(QSize(resize.width, resize.height), QSize(720, 400));
    EXPECT_EQ(messages[7].rectangles.value(0).pixels.size(), 720 * 400 * 4);
    for (const RfbServerMessage &m : messages.sliced(4))
        EXPECT_EQ(m.kind, Kind::FramebufferUpdate);
    EXPECT_FALSE(parser.hasFailed());
    EXPECT_FALSE(parser.hasPartialMessage());
}

TEST(RfbParser, GivesTheSameMessagesForEverySplitPoint)
{
    const QByteArray bytes = recorded("vga-shell.rfb");
    const QStringList expected = summary(RfbParser().feed(bytes));
    // Every split inside the handshake and the first small updates, then a stride through the rest.
    for (qsizetype split = 1; split < bytes.size(); split += (split < 200 ? 1 : 40009)) {
        RfbParser parser;
        QList<RfbServerMessage> messages = parser.feed(QByteArrayView(bytes).first(split));
        messages += parser.feed(QByteArrayView(bytes).sliced(split));
        ASSERT_EQ(summary(messages), expected) << "split at " << split;
    }
}

TEST(RfbParser, TakesASessionInSmallReads)
{
    const QByteArray bytes = recorded("vga-shell.rfb");
    const QStringList expected = summary(RfbParser().feed(bytes));
    RfbParser parser;
    QList<RfbServerMessage> messages;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 1499)
        messages += parser.feed(QByteArrayView(bytes).sliced(offset, qMin<qsizetype>(1499, bytes.size() - offset)));
    EXPECT_EQ(summary(messages), expected);
}

TEST(RfbParser, RebuildsTheGuestScreenFromTheSession)
{
    RfbParser parser;
    RfbFramebuffer screen;
    QList<QRect> lastDirty;
    for (const RfbServerMessage &m : parser.feed(recorded("vga-shell.rfb"))) {
        if (m.kind == Kind::ServerInit)
            screen.resize(m.width, m.height);
        if (m.kind == Kind::FramebufferUpdate)
            lastDirty = screen.apply(m.rectangles, parser.pixelFormat());
    }
    EXPECT_EQ(screen.size(), QSize(720, 400));
    EXPECT_GT(screen.distinctColours(), 1) << "the shell's text should be on the screen";
    EXPECT_EQ(lastDirty, QList<QRect>{QRect(48, 174, 16, 2)}); // the blinking cursor after "help"
    EXPECT_EQ(screen.pixel(0, 399), 0xff000000u);
}

TEST(RfbParser, RefusesSomethingThatIsNotVnc)
{
    RfbParser parser;
    const QList<RfbServerMessage> messages = parser.feed("SSH-2.0-OpenSSH_9.2p1 Debian\r\n");
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages[0].kind, Kind::Error);
    EXPECT_TRUE(messages[0].errorString.contains(u"not an RFB")) << messages[0].errorString.toStdString();
    EXPECT_TRUE(parser.hasFailed());
    EXPECT_TRUE(parser.feed(recorded("vga-shell.rfb")).isEmpty()) << "a failed stream stays failed";
}

TEST(RfbParser, ReportsTheReasonOfARefusedConnection)
{
    RfbParser parser;
    QByteArray bytes = QByteArrayLiteral("RFB 003.008\n") + QByteArray(1, '\0');
    bytes += QByteArray("\x00\x00\x00\x10Too many cl", 15);
    EXPECT_EQ(parser.feed(bytes.first(20)).size(), 1); // the version; the reason is incomplete
    const QList<RfbServerMessage> messages = parser.feed(bytes.sliced(20) + "ients");
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages[0].kind, Kind::Error);
    EXPECT_TRUE(messages[0].errorString.endsWith(u"Too many clients"));
}

TEST(RfbParser, RejectsAnOldProtocolVersion)
{
    const QList<RfbServerMessage> messages = RfbParser().feed("RFB 003.003\n");
    ASSERT_EQ(messages.size(), 1);
    EXPECT_TRUE(messages[0].errorString.contains(u"3.3"));
}

TEST(RfbParser, StopsAtAnUnknownMessageOrEncoding)
{
    RfbParser parser;
    parser.feed(handshake());
    ASSERT_TRUE(parser.isHandshakeDone());
    QList<RfbServerMessage> messages = parser.feed(QByteArray("\x02\x07", 2));
    ASSERT_EQ(messages.size(), 2);
    EXPECT_EQ(messages[0].kind, Kind::Bell);
    EXPECT_TRUE(messages[1].errorString.contains(u"message type 7"));

    RfbParser other;
    other.feed(handshake());
    messages = other.feed(update({rectangleHeader(0, 0, 8, 8, 16)})); // ZRLE, never requested
    ASSERT_EQ(messages.size(), 1);
    EXPECT_TRUE(messages[0].errorString.contains(u"encoding 16"));
}

TEST(RfbParser, RejectsRectanglesOffTheScreenInsteadOfBufferingThem)
{
    RfbParser parser;
    parser.feed(handshake()); // 640x480
    const QList<RfbServerMessage> messages = parser.feed(update({rectangleHeader(600, 0, 0xffff, 0xffff, 0)}));
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages[0].kind, Kind::Error);
    EXPECT_TRUE(messages[0].errorString.contains(u"outside its 640x480 screen"));
}

TEST(RfbParser, RejectsHugeClipboardText)
{
    RfbParser parser;
    parser.feed(handshake());
    const QList<RfbServerMessage> messages = parser.feed(QByteArray("\x03\0\0\0\xff\xff\xff\xf0", 8));
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages[0].kind, Kind::Error);
}

TEST(RfbParser, ParsesCutTextColourMapAndBell)
{
    RfbParser parser;
    parser.feed(handshake());
    QByteArray bytes("\x03\0\0\0\0\0\0\x05hello", 13);
    bytes += QByteArray("\x01\0\0\0\0\x01\xff\xff\0\0\0\0", 12);
    bytes += '\x02';
    const QList<RfbServerMessage> messages = parser.feed(bytes);
    ASSERT_EQ(messages.size(), 3);
    EXPECT_EQ(messages[0].cutText, "hello");
    EXPECT_EQ(messages[1].kind, Kind::SetColourMapEntries);
    EXPECT_EQ(messages[2].kind, Kind::Bell);
}

TEST(RfbParser, SurvivesRandomGarbageAfterTheHandshake)
{
    quint32 seed = 12345;
    for (int round = 0; round < 200; ++round) {
        RfbParser parser;
        parser.feed(handshake());
        QByteArray garbage(4096, '\0');
        for (char &c : garbage)
            c = char((seed = seed * 1103515245 + 12345) >> 16);
        for (qsizetype i = 0; i < garbage.size(); i += 97)
            parser.feed(QByteArrayView(garbage).sliced(i, qMin<qsizetype>(97, garbage.size() - i)));
        // Either it failed cleanly or it waits for a plausible (bounded) message; never a crash.
        SUCCEED();
    }
}

TEST(RfbFramebuffer, CopiesOverlappingRectanglesLikeAScroll)
{
    RfbParser parser;
    parser.feed(handshake());
    QByteArray raw;
    for (int i = 0; i < 4 * 4; ++i)
        raw += QByteArray::fromHex(QByteArray::number(i, 16).rightJustified(2, '0') + "000000");
    const QByteArray bytes = update({rectangleHeader(0, 0, 4, 4, 0) + raw,
                                     rectangleHeader(0, 0, 4, 3, RfbEncoding::kCopyRect) + QByteArray("\0\0\0\x01", 4)});
    const QList<RfbServerMessage> messages = parser.feed(bytes);
    ASSERT_EQ(messages.size(), 1);
    RfbFramebuffer screen;
    screen.resize(640, 480);
    const QList<QRect> dirty = screen.apply(messages[0].rectangles, parser.pixelFormat());
    EXPECT_EQ(dirty, (QList<QRect>{QRect(0, 0, 4, 4), QRect(0, 0, 4, 3)}));
    // Row r now holds what row r+1 held (blue channel = index); the last row is unchanged.
    EXPECT_EQ(screen.pixel(1, 0), 0xff000000u | 5);
    EXPECT_EQ(screen.pixel(3, 2), 0xff000000u | 15);
    EXPECT_EQ(screen.pixel(3, 3), 0xff000000u | 15);
}

TEST(RfbEncoder, ProducesTheBytesQemuAcceptedInTheRecordedSession)
{
    QByteArray expected = RfbEncoder::protocolVersion() + RfbEncoder::securityType(RfbSecurity::kNone)
                          + RfbEncoder::clientInit(RfbSharing::Shared)
                          + RfbEncoder::setPixelFormat(RfbPixelFormat::rgb32())
                          + RfbEncoder::setEncodings({RfbEncoding::kRaw, RfbEncoding::kCopyRect,
                                                      RfbEncoding::kDesktopSize, RfbEncoding::kQemuExtendedKeyEvent})
                          + RfbEncoder::framebufferUpdateRequest(RfbUpdate::Full, 0, 0, 640, 480);
    EXPECT_EQ(recorded("vga-shell.rfbclient").first(expected.size()).toHex(), expected.toHex());
    const QByteArray pressH = RfbEncoder::qemuKeyEvent(0x68, 0x23, RfbKeyState::Down)
                              + RfbEncoder::qemuKeyEvent(0x68, 0x23, RfbKeyState::Up);
    EXPECT_TRUE(recorded("vga-shell.rfbclient").contains(pressH));
    EXPECT_TRUE(recorded("vga-shell.rfbclient").contains(RfbEncoder::framebufferUpdateRequest(RfbUpdate::Incremental, 0, 0, 720, 400)));
}

TEST(RfbEncoder, EncodesKeyAndPointerEvents)
{
    EXPECT_EQ(RfbEncoder::keyEvent(0xff0d, RfbKeyState::Down).toHex(), "040100000000ff0d");
    EXPECT_EQ(RfbEncoder::pointerEvent(0x01, 300, 2).toHex(), "0501012c0002");
    EXPECT_EQ(RfbEncoder::qemuKeyEvent(0xff52, 0xc8, RfbKeyState::Up).toHex(), "ff0000000000ff52000000c8");
}
