// QmpParser on transcripts recorded from QEMU 7.2 (data/record-qmp.py). A failure here means the
// IDE or CLI would miss QEMU's replies or events (e.g. never notice a guest reset).
#include "emulator/qmpparser.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace Keel;
using Kind = QmpMessage::Kind;

namespace {

QByteArray transcript(const char *name)
{
    QFile file(QStringLiteral(KEEL_TEST_DATA_DIR "/%1.qmp").arg(QLatin1String(name)));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

QList<Kind> kinds(const QList<QmpMessage> &messages)
{
    QList<Kind> out;
    for (const QmpMessage &message : messages)
        out.append(message.kind);
    return out;
}

QStringList summary(const QList<QmpMessage> &messages)
{
    QStringList out;
    for (const QmpMessage &m : messages)
        out.append(QStringLiteral("%1:%2:%3:%4").arg(int(m.kind)).arg(m.id.toInt()).arg(m.eventName, m.errorClass));
    return out;
}

} // namespace

TEST(QmpParser, ParsesARecordedLifecycleSession)
{
    const QList<QmpMessage> messages = QmpParser().feed(transcript("lifecycle"));
    ASSERT_EQ(messages.size(), 18);
    EXPECT_EQ(messages[0].kind, Kind::Greeting);
    EXPECT_EQ(messages[2].kind, Kind::Return);
    EXPECT_EQ(messages[2].id.toInt(), 2);
    EXPECT_EQ(messages[2].returnValue.toObject().value(u"status").toString(), u"prelaunch");
    EXPECT_EQ(messages[3].eventName, u"RESUME");
    EXPECT_GT(messages[3].eventMicroseconds, 0);
    EXPECT_EQ(messages[5].eventName, u"STOP");
    EXPECT_EQ(messages[9].returnValue.toString(), u"VM status: running\r\n");
    EXPECT_EQ(messages[10].kind, Kind::Error);
    EXPECT_EQ(messages[10].id.toInt(), 7);
    EXPECT_EQ(messages[10].errorClass, u"CommandNotFound");
    EXPECT_TRUE(messages[10].errorDescription.contains(u"no-such-command"));
    EXPECT_EQ(messages[12].eventName, u"RESET");
    EXPECT_EQ(messages[16].eventName, u"SHUTDOWN");
    EXPECT_EQ(messages[16].eventData.value(u"reason").toString(), u"host-qmp-quit");
    EXPECT_FALSE(kinds(messages).contains(Kind::Invalid));
}

TEST(QmpParser, SeesTheGuestResetReasonOfATripleFault)
{
    const QList<QmpMessage> messages = QmpParser().feed(transcript("guest-reset"));
    ASSERT_FALSE(messages.isEmpty());
    const QmpMessage &last = messages.last();
    EXPECT_EQ(last.eventName, u"SHUTDOWN");
    EXPECT_EQ(last.eventData.value(u"reason").toString(), u"guest-reset");
    EXPECT_TRUE(last.eventData.value(u"guest").toBool());
}

TEST(QmpParser, GivesTheSameMessagesForEverySplitPoint)
{
    const QByteArray bytes = transcript("lifecycle") + transcript("guest-poweroff");
    const QStringList expected = summary(QmpParser().feed(bytes));
    for (qsizetype split = 1; split < bytes.size(); split += 7) {
        QmpParser parser;
        QList<QmpMessage> messages = parser.feed(QByteArrayView(bytes).first(split));
        messages += parser.feed(QByteArrayView(bytes).sliced(split));
        ASSERT_EQ(summary(messages), expected) << "split at " << split;
        EXPECT_FALSE(parser.hasPartialMessage());
    }
}

TEST(QmpParser, ParsesByteByByteInput)
{
    const QByteArray bytes = transcript("guest-reset");
    QmpParser parser;
    QList<QmpMessage> messages;
    for (char c : bytes)
        messages += parser.feed(QByteArrayView(&c, 1));
    EXPECT_EQ(summary(messages), summary(QmpParser().feed(bytes)));
}

TEST(QmpParser, SplitsMessagesMergedWithoutLineBreaks)
{
    QByteArray merged = transcript("guest-poweroff");
    merged.replace("\r\n", "");
    const QList<QmpMessage> messages = QmpParser().feed(merged);
    EXPECT_EQ(summary(messages), summary(QmpParser().feed(transcript("guest-poweroff"))));
}

TEST(QmpParser, ReportsGarbageAndCarriesOn)
{
    const QByteArray bytes = "qemu-system-x86_64: some warning\r\n" + transcript("guest-exit")
        + "{\"return\": }\r\n" + "{\"neither\": 1}\r\n" + "{\"return\": {}, \"id\": 99}\r\n";
    const QList<QmpMessage> messages = QmpParser().feed(bytes);
    ASSERT_EQ(messages.size(), 8);
    EXPECT_EQ(messages[0].kind, Kind::Invalid);
    EXPECT_TRUE(messages[0].invalidReason.contains(u"some warning"));
    EXPECT_EQ(messages[1].kind, Kind::Greeting);
    EXPECT_EQ(messages[5].kind, Kind::Invalid);
    EXPECT_TRUE(messages[5].invalidReason.contains(u"malformed JSON"));
    EXPECT_EQ(messages[6].kind, Kind::Invalid);
    EXPECT_EQ(messages[7].kind, Kind::Return);
    EXPECT_EQ(messages[7].id.toInt(), 99);
}

TEST(QmpParser, IgnoresBracesInsideStrings)
{
    const QList<QmpMessage> messages =
        QmpParser().feed("{\"return\": \"} { \\\" [\", \"id\": 3}\r\n{\"return\": {}, \"id\": 4}");
    ASSERT_EQ(messages.size(), 2);
    EXPECT_EQ(messages[0].returnValue.toString(), u"} { \" [");
    EXPECT_EQ(messages[1].id.toInt(), 4);
}

TEST(QmpParser, KeepsAnUnfinishedMessageForLater)
{
    QmpParser parser;
    EXPECT_TRUE(parser.feed("{\"return\": {\"status\": \"runn").isEmpty());
    EXPECT_TRUE(parser.hasPartialMessage());
    const QList<QmpMessage> messages = parser.feed("ing\"}, \"id\": 5}\r\n");
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages[0].returnValue.toObject().value(u"status").toString(), u"running");
}
