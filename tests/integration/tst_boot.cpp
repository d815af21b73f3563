// What a user sees fail here: the `hello` template does not boot, or boots without printing its
// greeting, its command line or its memory size, on one of the supported ways to boot an image.

#include "plainqemu.h"
#include "testproject.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <regex>

namespace {

class HelloBoot : public ::testing::TestWithParam<const char*> {};

TEST_P(HelloBoot, PrintsGreetingArgvAndMemoryThenExitsZero)
{
    TestProject project("hello");
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;

    std::string machine = GetParam();
    auto run = project.keel("run --headless --machine " + machine
        + " --memory 32M --cmdline 'alpha \"beta gamma\"' --timeout 60");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("Hello from Keel!"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("alpha"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("beta gamma"), std::string::npos) << run.output;
    // The app reports its memory in MiB or bytes; 32M of RAM leaves more than 30 MiB usable.
    EXPECT_TRUE(std::regex_search(run.output, std::regex("(3[01]|32) MiB|3[0-3][0-9]{6} bytes")))
        << run.output;
}

INSTANTIATE_TEST_SUITE_P(Machines, HelloBoot, ::testing::Values("microvm", "pc", "q35"));

TEST(HelloBoot, BootsAndPrintsWithTwoMegabytesOfMemory)
{
    TestProject project("hello");
    auto run = project.keel("run --headless --machine microvm --memory 2M --timeout 60");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("Hello from Keel!"), std::string::npos) << run.output;
}

// -m 5G: QEMU puts 2–3 GiB of it above 4 GiB, beyond what the boot page tables map; the heap
// must still be able to use it all.
TEST(HelloBoot, HandsOutRamAboveFourGiB)
{
    TestProject project("hello");
    project.useApp("highmemory");
    auto run = project.keel("run --headless --machine pc --memory 5G --accel tcg --timeout 120");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    std::smatch counts;
    ASSERT_TRUE(std::regex_search(run.output, counts, std::regex("(\\d+) blocks of 64 MiB, (\\d+) above 4 GiB")))
        << run.output;
    EXPECT_GE(std::stoi(counts[1]), 70) << run.output; // more than the 3 GiB below 4 GiB could hold
    EXPECT_GT(std::stoi(counts[2]), 0) << run.output;
}

TEST(HelloBoot, ExpectSucceedsAsSoonAsThePatternAppears)
{
    TestProject project("hello");
    auto run = project.keel("run --headless --expect 'Hello' --timeout 60");
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST(HelloBoot, ExpectFailsWithTimeoutWhenThePatternNeverAppears)
{
    TestProject project("hello");
    auto run = project.keel("run --headless --expect 'never printed' --timeout 10");
    EXPECT_NE(run.exitCode, 0) << run.output;
}

TEST(HelloBoot, BootsFromGrubIsoOnPc)
{
    TestProject project("hello");
    auto build = project.keel("build --iso", 240);
    ASSERT_EQ(build.exitCode, 0) << build.output;
    std::string iso = project.directory() + "/build/debug/" + project.name() + ".iso";
    ASSERT_TRUE(std::filesystem::exists(iso)) << build.output;

    // GRUB passes the command line from grub.cfg; boot the ISO as a user would, with plain QEMU.
    auto run = runPlainQemu("-M pc -m 32M", "-cdrom " + shellQuote(iso), project.directory(), 120);
    EXPECT_NE(run.output.find("Hello from Keel!"), std::string::npos) << run.output;
    EXPECT_EQ(run.exitCode, 1) << "main() returned 0, which isa-debug-exit reports as 1\n"
                               << run.output;
}

TEST(AppExit, MainsReturnValueBecomesTheExitStatus)
{
    TestProject project("hello");
    project.useApp("exitstatus");
    auto run = project.keel("run --headless --timeout 60");
    EXPECT_EQ(run.exitCode, 42) << run.output;
}

TEST(AppExit, RawQemuExitStatusEncodesMainsReturnValue)
{
    TestProject project("hello");
    project.useApp("exitstatus");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    auto run = runPlainQemu("-M microvm -m 16M", "-kernel " + shellQuote(project.imagePath()), project.directory(), 60);
    EXPECT_EQ(run.exitCode, (42 << 1) | 1) << run.output;
}

TEST(AppArgs, CommandLineArrivesAsArgv)
{
    TestProject project("hello");
    project.useApp("args");
    auto run = project.keel("run --headless --cmdline 'one \"two words\" three' --timeout 60");
    EXPECT_EQ(run.exitCode, 3) << run.output;  // the app returns argc - 1
    EXPECT_NE(run.output.find("argv[0]=" + project.name()), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("argv[1]=one"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("argv[2]=two words"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("argv[3]=three"), std::string::npos) << run.output;
}

} // namespace
