// GdbSession with real gdb and real QEMU on an image built by the real `keel build`. A failure
// here means `keel debug` and the IDE's debugger would not stop at breakpoints, would show wrong
// registers/frames/variables, or would hang when gdb dies.
#include "emulator/gdbsession.h"
#include "emulator/qemurunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <gtest/gtest.h>
#include <signal.h>

using namespace Keel;

namespace {

const char kApp[] = R"(#include <keel/print.h>

int g_counter = 0x1234;

__attribute__((noinline)) int square(int x)
{
    g_counter += x;
    return x * x;
}

int main(int, char**)
{
    volatile int total = 0;
    for (int i = 0; i < 5; ++i)
        total = total + square(i);
    keel::println("total {}", int(total));
    return 0;
}
)";
// Where the breakpoint at main stops: gdb puts it after the prologue, and the prologue's last
// instructions (-fstack-protector-strong loading the canary) belong to the opening brace.
constexpr int kMainBraceLine = 12;
constexpr int kTotalLine = 13; // "volatile int total = 0;": where `next` goes from the brace
constexpr int kPrintLine = 16;

// One project and image for the whole suite: building takes ~15 s.
class GdbSessionTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        QProcess keel;
        keel.setWorkingDirectory(s_dir->path());
        keel.start(QStringLiteral(KEEL_BINARY), {QStringLiteral("new"), QStringLiteral("dbg")});
        keel.waitForFinished(60000);
        QFile main(s_dir->filePath(QStringLiteral("dbg/src/main.cpp")));
        if (main.open(QIODevice::WriteOnly | QIODevice::Truncate))
            main.write(kApp);
        main.close();
        keel.setWorkingDirectory(s_dir->filePath(QStringLiteral("dbg")));
        keel.start(QStringLiteral(KEEL_BINARY), {QStringLiteral("build")});
        keel.waitForFinished(300000);
        s_buildLog = keel.readAllStandardError() + keel.readAllStandardOutput();
        s_image = s_dir->filePath(QStringLiteral("dbg/build/debug/dbg.elf"));
    }
    static void TearDownTestSuite() { delete s_dir; }

    void SetUp() override
    {
        ASSERT_TRUE(QFile::exists(s_image)) << s_buildLog.toStdString();
        RunProfile profile;
        profile.machine = QemuMachine::Pc;
        profile.accel = QemuAccel::Tcg;
        profile.startMode = StartMode::Paused;
        profile.gdbStub = GdbStub::Enabled;
        runner.setProfile(profile);
        runner.start(s_image);
        QEventLoop loop;
        QObject::connect(&runner, &QemuRunner::stateChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        while (runner.state() == QemuRunner::State::Starting)
            loop.exec();
        ASSERT_EQ(runner.state(), QemuRunner::State::Paused) << runner.result().message.toStdString();
        gdb.setMonitor(runner.qmp());
        gdb.start(s_image, runner.gdbSocketPath());
        ASSERT_TRUE(gdb.waitForConnected()) << gdb.errorString().toStdString();
    }

    static QTemporaryDir *s_dir;
    static QString s_image;
    static QByteArray s_buildLog;
    QemuRunner runner;
    GdbSession gdb;
};

QTemporaryDir *GdbSessionTest::s_dir = nullptr;
QString GdbSessionTest::s_image;
QByteArray GdbSessionTest::s_buildLog;

quint64 registerValue(const QList<GdbRegister> &registers, const QString &name)
{
    for (const GdbRegister &r : registers) {
        if (r.name == name)
            return r.value.toULongLong(nullptr, 0);
    }
    return 0;
}

} // namespace

const GdbRegister *findRegister(const QList<GdbRegister> &registers, const QString &name)
{
    for (const GdbRegister &r : registers) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

TEST_F(GdbSessionTest, BreaksAtMainAndInspectsIt)
{
    EXPECT_TRUE(runner.gdbSocketPath().startsWith(runner.runtimeDirectoryPath()));
    const auto bkpt = gdb.insertBreakpoint(QStringLiteral("main"));
    ASSERT_TRUE(bkpt) << gdb.errorString().toStdString();
    EXPECT_EQ(bkpt->number, 1);
    EXPECT_TRUE(bkpt->file.endsWith(u"src/main.cpp"));
    gdb.continueExecution();
    const auto stop = gdb.waitForStop();
    ASSERT_TRUE(stop);
    EXPECT_EQ(stop->reason, u"breakpoint-hit");
    EXPECT_EQ(stop->frame.function, u"main");

    const QList<GdbRegister> registers = gdb.registers();
    const quint64 rip = registerValue(registers, QStringLiteral("rip"));
    const quint64 mainAddress = gdb.evaluate(QStringLiteral("(unsigned long)&main")).value_or(QString()).toULongLong();
    EXPECT_NE(mainAddress, 0u);
    EXPECT_GE(rip, mainAddress);
    EXPECT_LT(rip, mainAddress + 0x100);
    EXPECT_NE(registerValue(registers, QStringLiteral("cr0")) & 0x80000000u, 0u); // paging on: long mode

    const QList<GdbFrame> frames = gdb.stack();
    ASSERT_EQ(frames.size(), 3); // main ← keelKernelMain ← the boot entry, and nothing beyond
    EXPECT_EQ(frames[0].function, u"main");
    EXPECT_EQ(frames[0].line, kMainBraceLine);
    EXPECT_EQ(frames[1].function, u"keelKernelMain");
    EXPECT_TRUE(frames[1].file.endsWith(u"kernel/core/kernelmain.cpp"));
    EXPECT_EQ(frames[2].function, u"longModeEntry");

    const auto memory = gdb.readMemory(QStringLiteral("&g_counter"), 4);
    ASSERT_TRUE(memory);
    EXPECT_EQ(memory->size(), 4);
    EXPECT_EQ(quint8(memory->at(0)), 0x34);
    EXPECT_EQ(quint8(memory->at(1)), 0x12);

    const QList<GdbDisassemblyLine> code = gdb.disassemble(QStringLiteral("&main"), QStringLiteral("(char*)&main + 16"));
    ASSERT_FALSE(code.isEmpty());
    EXPECT_EQ(code[0].address, mainAddress);
    EXPECT_TRUE(code[0].file.endsWith(u"src/main.cpp"));
    EXPECT_TRUE(code[0].function.startsWith(u"main"));

    // Long mode, so gdb disassembles, with source lines.
    EXPECT_TRUE(gdb.isInLongMode());
    const QList<GdbDisassemblyLine> atPc = gdb.disassembleAtPc(3);
    ASSERT_EQ(atPc.size(), 3);
    EXPECT_EQ(atPc[0].address, rip);
    EXPECT_EQ(atPc[0].line, kMainBraceLine);
}

TEST_F(GdbSessionTest, DecodesSystemRegistersInLongMode)
{
    ASSERT_TRUE(gdb.runToLocation(QStringLiteral("main")));
    ASSERT_TRUE(gdb.waitForStop());
    const QList<GdbRegister> registers = gdb.registers();
    const GdbRegister *cr0 = findRegister(registers, QStringLiteral("cr0"));
    ASSERT_TRUE(cr0);
    EXPECT_EQ(cr0->group, X86RegisterGroup::Control);
    EXPECT_TRUE(cr0->flags.contains(u"PG") && cr0->flags.contains(u"PE") && cr0->flags.contains(u"WP"))
        << cr0->flags.join(u' ').toStdString();
    const GdbRegister *cr4 = findRegister(registers, QStringLiteral("cr4"));
    ASSERT_TRUE(cr4);
    EXPECT_TRUE(cr4->flags.contains(u"PAE") && cr4->flags.contains(u"OSFXSR"));
    const GdbRegister *cr3 = findRegister(registers, QStringLiteral("cr3"));
    ASSERT_TRUE(cr3);
    EXPECT_TRUE(cr3->description.startsWith(u"page tables (PML4) at 0x")) << cr3->description.toStdString();
    const GdbRegister *efer = findRegister(registers, QStringLiteral("efer"));
    ASSERT_TRUE(efer);
    EXPECT_TRUE(efer->flags.contains(u"LMA") && efer->flags.contains(u"LME") && efer->flags.contains(u"NXE"));
    const GdbRegister *cs = findRegister(registers, QStringLiteral("cs"));
    ASSERT_TRUE(cs);
    EXPECT_EQ(cs->group, X86RegisterGroup::Segment);
    EXPECT_EQ(cs->description, u"GDT entry 1, ring 0") << cs->value.toStdString();
    const GdbRegister *flags = findRegister(registers, QStringLiteral("eflags"));
    ASSERT_TRUE(flags);
    EXPECT_EQ(flags->group, X86RegisterGroup::Flags);
    EXPECT_EQ(flags->flags, x86FlagNames(u"eflags", flags->value.toULongLong(nullptr, 0)));
    EXPECT_TRUE(findRegister(registers, QStringLiteral("cr2")));
}

TEST_F(GdbSessionTest, DisassemblesTheResetVectorInRealModeThroughQemu)
{
    // Connected but not yet continued: the CPU sits at the reset vector, in real mode.
    EXPECT_FALSE(gdb.isInLongMode());
    const QList<GdbDisassemblyLine> lines = gdb.disassembleAtPc(1);
    ASSERT_EQ(lines.size(), 1) << gdb.errorString().toStdString();
    EXPECT_EQ(lines[0].address, 0xfffffff0u); // CS base 0xffff0000 + IP 0xfff0
    EXPECT_TRUE(lines[0].instruction.startsWith(u"ljmpw")) << lines[0].instruction.toStdString();
    EXPECT_TRUE(lines[0].instruction.contains(u"0xf000")) << lines[0].instruction.toStdString();
}

TEST_F(GdbSessionTest, RunsToALocationAndWatchesExpressions)
{
    gdb.addWatch(QStringLiteral("g_counter"));
    gdb.addWatch(QStringLiteral("x * 10"));
    gdb.addWatch(QStringLiteral("g_counter"));
    ASSERT_TRUE(gdb.runToLocation(QStringLiteral("square")));
    const auto first = gdb.waitForStop();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->frame.function, u"square");
    QList<GdbWatch> watched = gdb.watches();
    ASSERT_EQ(watched.size(), 2);
    EXPECT_EQ(watched[0].value, QString::number(0x1234));
    EXPECT_EQ(watched[1].value, u"0");
    gdb.finish();
    ASSERT_TRUE(gdb.waitForStop());
    watched = gdb.watches();
    EXPECT_EQ(watched[0].value, QString::number(0x1234));
    EXPECT_TRUE(watched[1].value.isEmpty());
    EXPECT_TRUE(watched[1].error.contains(u"No symbol \"x\"")) << watched[1].error.toStdString();
    EXPECT_TRUE(gdb.removeWatch(QStringLiteral("x * 10")));
    EXPECT_EQ(gdb.watches().size(), 1);

    ASSERT_TRUE(gdb.runToLocation(QStringLiteral("src/main.cpp:%1").arg(kPrintLine)));
    const auto atPrint = gdb.waitForStop();
    ASSERT_TRUE(atPrint);
    EXPECT_EQ(atPrint->frame.line, kPrintLine);
    EXPECT_EQ(gdb.evaluate(QStringLiteral("total")), u"30"); // 0 + 1 + 4 + 9 + 16
    EXPECT_FALSE(gdb.runToLocation(QStringLiteral("no_such_function")));
}

TEST_F(GdbSessionTest, StepsReadsLocalsAndHonoursConditions)
{
    ASSERT_TRUE(gdb.insertBreakpoint(QStringLiteral("main")));
    gdb.continueExecution();
    ASSERT_TRUE(gdb.waitForStop());
    gdb.next();
    const auto stepped = gdb.waitForStop();
    ASSERT_TRUE(stepped);
    EXPECT_EQ(stepped->reason, u"end-stepping-range");
    EXPECT_EQ(stepped->frame.function, u"main");
    EXPECT_EQ(stepped->frame.line, kTotalLine);
    bool sawTotal = false;
    for (const GdbVariable &variable : gdb.locals())
        sawTotal |= variable.name == u"total" && variable.type.contains(u"int");
    EXPECT_TRUE(sawTotal);

    const auto conditional = gdb.insertBreakpoint(QStringLiteral("square"), QStringLiteral("x == 3"));
    ASSERT_TRUE(conditional);
    EXPECT_EQ(conditional->condition, u"x == 3");
    gdb.continueExecution();
    const auto hit = gdb.waitForStop();
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->breakpointNumber, conditional->number);
    EXPECT_EQ(gdb.evaluate(QStringLiteral("x")), QStringLiteral("3"));
    EXPECT_EQ(gdb.evaluate(QStringLiteral("g_counter")), QString::number(0x1234 + 0 + 1 + 2));

    gdb.finish();
    const auto finished = gdb.waitForStop();
    ASSERT_TRUE(finished);
    EXPECT_EQ(finished->reason, u"function-finished");
    EXPECT_EQ(finished->frame.function, u"main");

    EXPECT_TRUE(gdb.setBreakpointEnabled(conditional->number, GdbSession::Enablement::Disabled));
    EXPECT_TRUE(gdb.deleteBreakpoint(conditional->number));
    EXPECT_FALSE(gdb.deleteBreakpoint(conditional->number)); // already gone
    EXPECT_EQ(gdb.errorString(), QStringLiteral("there is no breakpoint %1 (deleted already?)").arg(conditional->number));
    EXPECT_FALSE(gdb.setBreakpointEnabled(conditional->number, GdbSession::Enablement::Enabled));
    EXPECT_TRUE(gdb.detach()) << qPrintable(gdb.errorString());
    EXPECT_EQ(gdb.state(), GdbSession::State::TargetGone);
}

TEST_F(GdbSessionTest, GdbKilledMidSessionIsReportedAndTheVmSurvives)
{
    QString reported;
    QObject::connect(&gdb, &GdbSession::errorOccurred, [&](const QString &message) { reported = message; });
    ASSERT_TRUE(gdb.insertBreakpoint(QStringLiteral("main")));
    ASSERT_GT(gdb.processId(), 0);
    ::kill(pid_t(gdb.processId()), SIGKILL);
    const auto reply = gdb.execute(QStringLiteral("-stack-list-frames"), 5000);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->className, u"error");
    EXPECT_EQ(gdb.state(), GdbSession::State::Finished);
    EXPECT_TRUE(reported.contains(u"gdb crashed or was killed")) << reported.toStdString();
    EXPECT_NE(runner.state(), QemuRunner::State::Finished);
}
