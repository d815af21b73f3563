// What a user sees fail here: the image is not what Keel promises — a segment that is writable
// and executable, a release image that is not stripped, or code of a feature that is off.

#include "testproject.h"

#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace {

TEST(Image, NoSegmentIsBothWritableAndExecutable)
{
    TestProject project("hello");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    for (const char* profile : { "debug", "release" }) {
        if (std::string(profile) == "release")
            ASSERT_EQ(project.keel("build --release").exitCode, 0);
        auto segments = runCommand("readelf -lW " + shellQuote(project.imagePath(profile)),
            project.directory(), 30);
        ASSERT_EQ(segments.exitCode, 0) << segments.output;
        std::istringstream lines(segments.output);
        std::string line;
        int loads = 0;
        while (std::getline(lines, line)) {
            if (line.find("LOAD") == std::string::npos)
                continue;
            ++loads;
            // The flags column is the one-to-three letter group before the alignment.
            std::smatch match;
            ASSERT_TRUE(std::regex_search(line, match, std::regex(" ([RWE ]{1,3}) +0x[0-9a-f]+$")))
                << line;
            std::string flags = match[1];
            EXPECT_FALSE(flags.find('W') != std::string::npos && flags.find('E') != std::string::npos)
                << profile << ": " << line;
        }
        EXPECT_GT(loads, 1) << "code and data should be separate segments\n" << segments.output;
    }
}

TEST(Image, ReleaseImageIsStrippedAndSmall)
{
    TestProject project("hello");
    auto build = project.keel("build --release");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    auto symbols = runCommand("readelf -SW " + shellQuote(project.imagePath("release")),
        project.directory(), 30);
    EXPECT_EQ(symbols.output.find(".symtab"), std::string::npos) << symbols.output;
    EXPECT_EQ(symbols.output.find(".debug_info"), std::string::npos) << symbols.output;
}

TEST(Image, FeatureThatIsOffContributesNoCode)
{
    TestProject project("hello");
    project.useApp("args");  // prints only; never allocates
    project.setFeatures("[\"serial\"]");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    auto symbols = runCommand("nm -C " + shellQuote(project.imagePath()), project.directory(), 30);
    EXPECT_EQ(symbols.output.find("HeapAllocator"), std::string::npos) << symbols.output;
    EXPECT_EQ(symbols.output.find("initialiseHeap"), std::string::npos) << symbols.output;

    // The same project with the heap on and an app that allocates does carry the heap.
    project.useApp("outofmemory");
    project.setFeatures("[\"serial\", \"heap\"]");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    symbols = runCommand("nm -C " + shellQuote(project.imagePath()), project.directory(), 30);
    EXPECT_NE(symbols.output.find("HeapAllocator"), std::string::npos) << symbols.output;
}

} // namespace
