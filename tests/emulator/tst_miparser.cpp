// MiParser on transcripts recorded from gdb 13.1 (mi3) debugging a real Keel image in QEMU 7.2
// (data/record-mi.py), plus garbage and partial lines. A failure here means `keel debug` and the
// IDE would miss stops, show wrong frames/variables, or crash on odd gdb output.
#include "emulator/miparser.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace Keel;
using Type = MiRecord::Type;

namespace {

QByteArray transcript(const char *name)
{
    QFile file(QStringLiteral(KEEL_TEST_DATA_DIR "/%1.txt").arg(QLatin1String(name)));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

// All records of a transcript; fails the test on any parse error.
QList<MiRecord> parseTranscript(const char *name)
{
    MiParser parser;
    QList<MiRecord> records = parser.feed(transcript(name));
    EXPECT_EQ(parser.takeErrors(), QStringList()) << name;
    EXPECT_FALSE(parser.hasPartialLine());
    return records;
}

const MiRecord *resultFor(const QList<MiRecord> &records, qint64 token)
{
    for (const MiRecord &record : records) {
        if (record.type == Type::Result && record.token == token)
            return &record;
    }
    return nullptr;
}

QList<const MiRecord *> stops(const QList<MiRecord> &records)
{
    QList<const MiRecord *> out;
    for (const MiRecord &record : records) {
        if (record.type == Type::ExecAsync && record.className == u"stopped")
            out.append(&record);
    }
    return out;
}

} // namespace

TEST(MiParser, ParsesEveryLineOfARecordedSession)
{
    const QList<MiRecord> records = parseTranscript("mi-session");
    ASSERT_GT(records.size(), 60);
    EXPECT_EQ(records[0].type, Type::NotifyAsync);
    EXPECT_EQ(records[0].className, u"thread-group-added");
    EXPECT_EQ(records[0].results[u"id"].text(), u"i1");
    EXPECT_EQ(records[1].type, Type::Prompt);
    EXPECT_EQ(records[2].type, Type::ConsoleStream);
    EXPECT_EQ(records[2].text, u"The target architecture is set to \"i386:x86-64\".\n");
    EXPECT_EQ(records.last().type, Type::Result);
    EXPECT_EQ(records.last().className, u"exit");
    EXPECT_EQ(records.last().token, MiRecord::kNoToken);
}

TEST(MiParser, ConnectAndBreakpointReplies)
{
    const QList<MiRecord> records = parseTranscript("mi-session");
    ASSERT_TRUE(resultFor(records, 3));
    EXPECT_EQ(resultFor(records, 3)->className, u"connected");
    const MiRecord *insert = resultFor(records, 4);
    ASSERT_TRUE(insert);
    const MiValue &bkpt = insert->results[u"bkpt"];
    EXPECT_TRUE(bkpt.isTuple());
    EXPECT_EQ(bkpt[u"number"].toInteger(), 1);
    EXPECT_EQ(bkpt[u"addr"].toAddress(), 0x1058e0u);
    EXPECT_EQ(bkpt[u"line"].toInteger(), 7);
    EXPECT_TRUE(bkpt[u"thread-groups"].isList());
    EXPECT_EQ(bkpt[u"thread-groups"].at(0).text(), u"i1");
    // The breakpoint table: a list of results (body=[bkpt={…}]) next to a list of tuples (hdr).
    const MiValue &table = resultFor(records, 5)->results[u"BreakpointTable"];
    EXPECT_EQ(table[u"hdr"].size(), 6);
    EXPECT_EQ(table[u"hdr"].at(5)[u"col_name"].text(), u"what");
    EXPECT_EQ(table[u"body"].nameAt(0), u"bkpt");
    EXPECT_EQ(table[u"body"].at(0)[u"original-location"].text(), u"main");
}

TEST(MiParser, StopEventsCarryReasonAndFrame)
{
    const QList<MiRecord> records = parseTranscript("mi-session");
    const QList<const MiRecord *> stopped = stops(records);
    ASSERT_EQ(stopped.size(), 6);
    EXPECT_FALSE(stopped[0]->results.contains(u"reason")); // the stop at connect has none
    EXPECT_EQ(stopped[0]->results[u"frame"][u"addr"].toAddress(), 0xfff0u);
    EXPECT_EQ(stopped[1]->results[u"reason"].text(), u"breakpoint-hit");
    EXPECT_EQ(stopped[1]->results[u"bkptno"].toInteger(), 1);
    const MiValue &frame = stopped[1]->results[u"frame"];
    EXPECT_EQ(frame[u"func"].text(), u"main");
    EXPECT_EQ(frame[u"line"].toInteger(), 7);
    EXPECT_EQ(frame[u"args"].size(), 2);
    EXPECT_EQ(frame[u"args"].at(1)[u"value"].text(), u"0x109460 <keel::(anonymous namespace)::s_argv>");
    EXPECT_EQ(stopped[2]->results[u"reason"].text(), u"end-stepping-range");
    EXPECT_EQ(stopped[4]->results[u"reason"].text(), u"function-finished");
}

TEST(MiParser, StackLocalsRegistersMemory)
{
    const QList<MiRecord> records = parseTranscript("mi-session");
    const MiValue &stack = resultFor(records, 7)->results[u"stack"];
    ASSERT_EQ(stack.size(), 1);
    EXPECT_EQ(stack.nameAt(0), u"frame");
    EXPECT_EQ(stack.at(0)[u"func"].text(), u"main");
    const MiValue &variables = resultFor(records, 8)->results[u"variables"];
    ASSERT_EQ(variables.size(), 3);
    EXPECT_EQ(variables.at(0)[u"name"].text(), u"argc");
    EXPECT_EQ(variables.at(0)[u"type"].text(), u"int");
    EXPECT_EQ(variables.at(2)[u"value"].text(), u"<optimized out>");
    const MiValue &names = resultFor(records, 9)->results[u"register-names"];
    EXPECT_EQ(names.at(16).text(), u"rip");
    EXPECT_EQ(names.at(40).text(), u""); // gdb leaves holes in the numbering
    const MiValue &values = resultFor(records, 10)->results[u"register-values"];
    EXPECT_EQ(values.at(2)[u"number"].toInteger(), 16);
    EXPECT_EQ(values.at(2)[u"value"].toAddress(), 0x1058e0u);
    EXPECT_EQ(resultFor(records, 13)->results[u"changed-registers"].size(), 20);
    EXPECT_EQ(resultFor(records, 15)->results[u"value"].text(), u"0x106547 \"dbg\"");
    const MiValue &memory = resultFor(records, 16)->results[u"memory"].at(0);
    EXPECT_EQ(memory[u"contents"].text(), u"554889e5415741564c8d759041554989");
}

TEST(MiParser, MixedSourceDisassembly)
{
    const QList<MiRecord> records = parseTranscript("mi-session");
    const MiValue &lines = resultFor(records, 17)->results[u"asm_insns"];
    ASSERT_GT(lines.size(), 10);
    EXPECT_EQ(lines.nameAt(0), u"src_and_asm_line");
    EXPECT_EQ(lines.at(0)[u"line"].toInteger(), 7);
    const MiValue &instructions = lines.at(0)[u"line_asm_insn"];
    EXPECT_EQ(instructions.at(0)[u"inst"].text(), u"push   %rbp");
    EXPECT_EQ(instructions.at(0)[u"func-name"].text(), u"main(int, char**)");
    bool sawEmpty = false;
    for (int i = 0; i < lines.size(); ++i)
        sawEmpty |= lines.at(i)[u"line_asm_insn"].isList() && lines.at(i)[u"line_asm_insn"].size() == 0;
    EXPECT_TRUE(sawEmpty); // source lines without code come as line_asm_insn=[]
}

TEST(MiParser, ErrorsAndLogStreamFromRealGdb)
{
    const QList<MiRecord> errors = parseTranscript("mi-errors");
    EXPECT_EQ(resultFor(errors, 4)->className, u"error");
    EXPECT_EQ(resultFor(errors, 4)->results[u"msg"].text(), u"Function \"nosuchfunction\" not defined.");
    EXPECT_EQ(resultFor(errors, 12)->results[u"code"].text(), u"undefined-command");
    EXPECT_EQ(resultFor(errors, 17)->results[u"value"].text(), u"\"tab\\there\"");
    EXPECT_EQ(resultFor(errors, 13)->results[u"bkpt"][u"disp"].text(), u"del");
    EXPECT_EQ(stops(errors).last()->results[u"reason"].text(), u"location-reached");
    const QList<MiRecord> exit = parseTranscript("mi-guest-exit");
    bool sawClosed = false;
    for (const MiRecord &record : exit)
        sawClosed |= record.type == Type::LogStream && record.text == u"Remote connection closed\n";
    EXPECT_TRUE(sawClosed);
}

TEST(MiParser, CStringEscapes)
{
    QString error;
    auto record = MiParser::parseLine(R"(~"a\tb\\c\"d\n\303\251\001")", &error);
    ASSERT_TRUE(record) << error.toStdString();
    EXPECT_EQ(record->text, QStringLiteral("a\tb\\c\"d\n\u00e9\u0001"));
    EXPECT_FALSE(MiParser::parseLine(R"(~"bad \q escape")", &error));
    EXPECT_TRUE(error.contains(u"unknown escape")) << error.toStdString();
}

TEST(MiParser, EmptyContainersAndTokens)
{
    auto record = MiParser::parseLine("123^done,a={},b=[],c=[[\"x\"],{}]");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->token, 123);
    EXPECT_TRUE(record->results[u"a"].isTuple());
    EXPECT_EQ(record->results[u"b"].size(), 0);
    EXPECT_EQ(record->results[u"c"].at(0).at(0).text(), u"x");
    EXPECT_TRUE(record->results[u"missing"][u"deeper"].isNull());
    EXPECT_EQ(MiParser::parseLine("(gdb) ")->type, Type::Prompt);
    EXPECT_EQ(MiParser::parseLine("+download,section=\".text\"")->type, Type::StatusAsync);
    EXPECT_EQ(MiParser::parseLine("@\"target says\"")->type, Type::TargetStream);
}

TEST(MiParser, GarbageIsAnErrorNotACrash)
{
    const char *garbage[] = {"", "hello world", "^", "5^done,", "5^done,x", "5^done,x=", "5^done,x=\"open",
                             "5^done,x={a=\"1\"", "5^done,x=[\"1\",", "~\"text\" trailing", "^done,x=\"1\"y",
                             "*stopped,=\"1\"", "~\"ends in backslash\\"};
    for (const char *line : garbage) {
        QString error;
        EXPECT_FALSE(MiParser::parseLine(line, &error)) << line;
        EXPECT_FALSE(error.isEmpty()) << line;
    }
    QByteArray deep = "^done,x=" + QByteArray(100000, '[');
    QString error;
    EXPECT_FALSE(MiParser::parseLine(deep, &error));
    EXPECT_TRUE(error.contains(u"nesting")) << error.toStdString();
}

TEST(MiParser, SkipsMalformedLinesAndKeepsGoing)
{
    MiParser parser;
    const QList<MiRecord> records = parser.feed("1^done\nGNU gdb noise\r\n2^done,value=\"3\"\r\n");
    ASSERT_EQ(records.size(), 2);
    EXPECT_EQ(records[1].results[u"value"].text(), u"3");
    const QStringList errors = parser.takeErrors();
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].contains(u"GNU gdb noise"));
}

TEST(MiParser, AssemblesLinesSplitAtAnyByte)
{
    const QByteArray bytes = transcript("mi-session");
    const qsizetype expected = parseTranscript("mi-session").size();
    for (qsizetype chunk : {1, 7, 4096}) {
        MiParser parser;
        qsizetype count = 0;
        for (qsizetype i = 0; i < bytes.size(); i += chunk)
            count += parser.feed(QByteArrayView(bytes).sliced(i, qMin(chunk, bytes.size() - i))).size();
        EXPECT_EQ(count, expected) << chunk;
        EXPECT_TRUE(parser.takeErrors().isEmpty());
    }
}

TEST(MiParser, PartialLastLineAndHugeLine)
{
    MiParser parser;
    EXPECT_TRUE(parser.feed("7^done,value=\"1\"").isEmpty());
    EXPECT_TRUE(parser.hasPartialLine());
    const QList<MiRecord> tail = parser.flush();
    ASSERT_EQ(tail.size(), 1);
    EXPECT_EQ(tail[0].token, 7);
    // gdb killed mid-line: the cut line is an error, not a record.
    parser.feed("8^done,value=\"cut");
    EXPECT_TRUE(parser.flush().isEmpty());
    EXPECT_EQ(parser.takeErrors().size(), 1);

    QByteArray huge = "~\"" + QByteArray(MiParser::kMaxLineLength + 10, 'x');
    EXPECT_TRUE(parser.feed(huge).isEmpty());
    EXPECT_TRUE(parser.feed("more\"\n9^done\n").size() == 1);
    const QStringList errors = parser.takeErrors();
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].contains(u"longer than"));
}
