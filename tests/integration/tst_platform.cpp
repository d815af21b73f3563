// What a user sees fail here: keel::sleep returns early or never, timers do not fire or fire at
// the wrong rate, device interrupts never arrive (or arrive once and hang for want of an EOI),
// ACPI power-off does not end the VM, or an image that does not ask for these features still
// carries their code - on any of the machines Keel supports.

#include "guestsession.h"
#include "plainqemu.h"
#include "testproject.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <vector>

namespace {

long measuredMicroseconds(const std::string& output)
{
    std::smatch match;
    if (!std::regex_search(output, match, std::regex("slept ([0-9]+) us")))
        return -1;
    return std::stol(match[1]);
}

// Boots tests/integration/apps/<app> with `features` on `machine` through `keel run`.
CommandResult runApp(TestProject& project, const std::string& app, const std::string& features,
    const std::string& machine)
{
    project.useApp(app);
    project.setFeatures(features);
    return project.keel("run --headless --memory 16M --timeout 60 --machine " + machine);
}

// The platform checks app (sleep, periodic timer, device IRQ, ACPI power-off), built.
void usePlatformApp(TestProject& project)
{
    project.useApp("platform");
    project.setFeatures("[\"serial\", \"timer\", \"acpi\"]");
}

void expectPlatformChecksPass(const CommandResult& run)
{
    EXPECT_EQ(run.exitCode, 1) << "isa-debug-exit status 0 is QEMU exit 1\n" << run.output;
    EXPECT_NE(run.output.find("platform checks: sleep ok periodic ok irq ok"), std::string::npos) << run.output;
}

class Platform : public ::testing::TestWithParam<const char*> {};

TEST_P(Platform, SleepTimersAndDeviceIrqWorkThenExits)
{
    TestProject project("hello-forever");
    usePlatformApp(project);
    auto run = project.keel(std::string("run --headless --memory 16M --timeout 90 --machine ") + GetParam());
    EXPECT_EQ(run.exitCode, 0) << run.output;
    long slept = measuredMicroseconds(run.output);
    EXPECT_GE(slept, 200000) << run.output;
    EXPECT_LT(slept, 400000) << "a 200 ms sleep took far too long\n" << run.output;
    EXPECT_NE(run.output.find("periodic fired 5 times"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("platform checks: sleep ok periodic ok irq ok"), std::string::npos) << run.output;
}

TEST_P(Platform, AcpiPowerOffEndsTheMachine)
{
    TestProject project("hello-forever");
    usePlatformApp(project);
    auto run = project.keel(std::string("run --headless --memory 16M --timeout 60 --cmdline poweroff --machine ")
        + GetParam());
    EXPECT_NE(run.output.find("acpi present; powering off"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("still running"), std::string::npos) << run.output;
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST_P(Platform, SleepOf100MsLasts100MsOfGuestTime)
{
    TestProject project("hello");
    auto run = runApp(project, "sleeptiming", "[\"serial\", \"timer\"]", GetParam());
    ASSERT_EQ(run.exitCode, 0) << run.output;
    std::vector<long> took;
    std::regex line("sleep 100 ms took ([0-9]+) us");
    for (std::sregex_iterator it(run.output.begin(), run.output.end(), line), end; it != end; ++it)
        took.push_back(std::stol((*it)[1]));
    ASSERT_EQ(took.size(), 5u) << run.output;
    for (long microseconds : took)
        EXPECT_GE(microseconds, 100000) << "sleep returned early\n" << run.output;
    // The median, so one wake-up delayed by a busy host (TCG runs on host time) does not fail it.
    std::sort(took.begin(), took.end());
    EXPECT_GE(took[2], 80000) << run.output;
    EXPECT_LE(took[2], 120000) << "100 ms +- 20 %\n" << run.output;
}

TEST_P(Platform, ShutdownPowersTheMachineOff)
{
    TestProject project("hello");
    project.useApp("shutdown");
    project.setFeatures("[\"serial\", \"acpi\"]");
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    // Without isa-debug-exit, keel::shutdown() has to power off through ACPI.
    GuestSession guest(project.imagePath(), {"-M", GetParam(), "-m", "16M"});
    EXPECT_EQ(guest.waitForExit(60), 0) << guest.serial();
    EXPECT_NE(guest.serial().find("shutting down"), std::string::npos) << guest.serial();
}

TEST_P(Platform, CooperativeTasksSleepWaitAndYield)
{
    TestProject project("hello");
    auto run = runApp(project, "tasks", "[\"serial\", \"tasks\"]", GetParam());
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("tasks alive: 4"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("item 3"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("tasks ok"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(Machines, Platform, ::testing::Values("pc", "q35", "microvm"));

TEST(Platform, WorksWithoutAcpiTablesOnMicrovm)
{
    TestProject project("hello-forever");
    usePlatformApp(project);
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    // QEMU's microvm has no ACPI tables with acpi=off: the interrupts module falls back to the
    // default IOAPIC routing. Booted directly because `keel run` has no machine-option switch.
    expectPlatformChecksPass(runPlainQemu("-M microvm,acpi=off -m 16M", "-kernel " + shellQuote(project.imagePath()),
        project.directory(), 90));
}

TEST(Platform, FallsBackToThePicAndPitWithoutAnApic)
{
    TestProject project("hello-forever");
    usePlatformApp(project);
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    // A CPU without a local APIC: IRQs go through the 8259 pair, timers run on PIT IRQ 0.
    auto run = runPlainQemu("-M pc -cpu qemu64,-apic -m 16M", "-kernel " + shellQuote(project.imagePath()),
        project.directory(), 90);
    expectPlatformChecksPass(run);
    EXPECT_NE(run.output.find("8259 PIC mode"), std::string::npos) << run.output;
}

TEST(Platform, HelloForeverPrintsHeartbeats)
{
    TestProject project("hello-forever");
    auto run = project.keel("run --headless --expect 'heartbeat 2' --timeout 30");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("heartbeat 1"), std::string::npos) << run.output;
}

TEST(Platform, ImageWithoutTheFeaturesCarriesNoneOfTheirCode)
{
    TestProject project("hello");
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    auto symbols = runCommand("nm " + project.imagePath(), project.directory(), 30);
    ASSERT_EQ(symbols.exitCode, 0) << symbols.output;
    for (const char* symbol : { "keelHandleIrq", "keelIrqStubs", "TimerQueue", "parseMadt", "findS5",
             "keelSwitchContext", "keelAssetCount", "glyphRows", "EcamConfigSpace" })
        EXPECT_EQ(symbols.output.find(symbol), std::string::npos) << symbol << " is in a hello image";
}

} // namespace
