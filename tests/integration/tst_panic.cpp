// What a user sees fail here: a crashing app hangs, reboots in a loop, or dies silently instead
// of printing a readable panic (reason, registers, stack trace) and exiting with status 101.

#include "testproject.h"

#include <gtest/gtest.h>

namespace {

constexpr int kPanicStatus = 101;

CommandResult runApp(TestProject& project, const std::string& app, const std::string& extra = {})
{
    project.useApp(app);
    return project.keel("run --headless --machine microvm --memory 16M --timeout 60 " + extra);
}

void expectReadablePanic(const CommandResult& run, const std::string& reason)
{
    EXPECT_EQ(run.exitCode, kPanicStatus) << run.output;
    EXPECT_NE(run.output.find("KERNEL PANIC"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find(reason), std::string::npos) << "expected reason '" << reason
                                                          << "'\n"
                                                          << run.output;
    EXPECT_NE(run.output.find("RIP"), std::string::npos) << "registers missing\n" << run.output;
}

TEST(Panic, NullDereferenceIsAPageFaultAtAddressZero)
{
    TestProject project("hello");
    auto run = runApp(project, "nullderef");
    expectReadablePanic(run, "page fault");
    EXPECT_NE(run.output.find("0x0000000000000000"), std::string::npos) << run.output;
}

TEST(Panic, WriteToTextIsAProtectionViolation)
{
    TestProject project("hello");
    auto run = runApp(project, "writetext");
    expectReadablePanic(run, "page fault");
    EXPECT_NE(run.output.find("write"), std::string::npos) << run.output;
}

TEST(Panic, StackOverflowIsCaughtByTheGuardPage)
{
    TestProject project("hello");
    auto run = runApp(project, "stackoverflow");
    expectReadablePanic(run, "stack overflow");
}

TEST(Panic, StackTraceNamesTheCrashingFunction)
{
    TestProject project("hello");
    auto run = runApp(project, "nullderef");
    EXPECT_NE(run.output.find("crashHere"), std::string::npos) << run.output;
}

TEST(Panic, SmashedStackIsDetectedByTheCanary)
{
    TestProject project("hello");
    auto run = runApp(project, "stacksmash");
    expectReadablePanic(run, "stack smashing");
}

TEST(Panic, AllocatingUntilMemoryRunsOutGivesTheOutOfMemoryPanic)
{
    TestProject project("hello");
    auto run = runApp(project, "outofmemory");
    expectReadablePanic(run, "out of memory");
}

} // namespace
