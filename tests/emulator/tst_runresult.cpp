// Decoding how QEMU ended. A failure here means `keel run` would report the wrong exit status,
// or call a triple fault a success.
#include "emulator/runresult.h"

#include <gtest/gtest.h>

using namespace Keel;
using Outcome = RunResult::Outcome;

TEST(RunResult, DecodesIsaDebugExitStatus)
{
    const RunResult result = decodeQemuExit({QProcess::NormalExit, (42 << 1) | 1, {}, false, {}});
    EXPECT_EQ(result.outcome, Outcome::GuestExited);
    EXPECT_EQ(result.guestStatus, 42);
    EXPECT_EQ(decodeQemuExit({QProcess::NormalExit, 1, {}, false, {}}).guestStatus, 0);
}

TEST(RunResult, ReportsATripleFaultAsAnError)
{
    const RunResult result = decodeQemuExit({QProcess::NormalExit, 0, QStringLiteral("guest-reset"), false, {}});
    EXPECT_EQ(result.outcome, Outcome::GuestReset);
    EXPECT_FALSE(result.isGuestStatus());
    EXPECT_TRUE(result.message.contains(u"triple fault"));
}

TEST(RunResult, PowerOffIsStatusZero)
{
    const RunResult result = decodeQemuExit({QProcess::NormalExit, 0, QStringLiteral("guest-shutdown"), false, {}});
    EXPECT_EQ(result.outcome, Outcome::GuestPoweredOff);
    EXPECT_EQ(result.guestStatus, 0);
}

TEST(RunResult, SurfacesQemuErrorsWithTheirStderr)
{
    const RunResult result = decodeQemuExit(
        {QProcess::NormalExit, 1, {}, false, QStringLiteral("warning: x\nqemu-system-x86_64: -bogus: invalid option\n"),
         false});
    EXPECT_EQ(result.outcome, Outcome::QemuFailed);
    EXPECT_TRUE(result.message.contains(u"-bogus: invalid option")) << qPrintable(result.message);
    // The same exit code 1 after the guest ran is the guest's status 0.
    EXPECT_EQ(decodeQemuExit({QProcess::NormalExit, 1, {}, false, {}, true}).outcome, Outcome::GuestExited);
    const RunResult crash = decodeQemuExit({QProcess::CrashExit, 11, {}, false, {}});
    EXPECT_EQ(crash.outcome, Outcome::QemuFailed);
    EXPECT_TRUE(crash.message.contains(u"crashed"));
}

TEST(RunResult, AHostStopIsNotAGuestStatus)
{
    const RunResult result = decodeQemuExit({QProcess::NormalExit, 0, QStringLiteral("host-qmp-quit"), true, {}});
    EXPECT_EQ(result.outcome, Outcome::Stopped);
    EXPECT_FALSE(result.isGuestStatus());
}
