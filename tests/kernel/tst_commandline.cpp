// splitCommandLine: main(argc, argv) sees exactly these words; overflowing argv would corrupt
// the kernel's stack.
#include <core/bootinfo.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::string> split(std::string text, size_t slots = 16, int* argcOut = nullptr)
{
    std::vector<char> buffer(text.begin(), text.end());
    buffer.push_back('\0');
    std::vector<char*> argv(slots + 1, reinterpret_cast<char*>(0x1)); // one guard slot
    int argc = keel::splitCommandLine(buffer.data(), ktl::Span<char*>(argv.data(), slots));
    if (argcOut)
        *argcOut = argc;
    std::vector<std::string> words;
    for (int i = 0; i < argc; ++i)
        words.emplace_back(argv[size_t(i)]);
    if (slots > 0) {
        EXPECT_EQ(argv[size_t(argc)], nullptr) << "argv not terminated";
    }
    EXPECT_EQ(argv[slots], reinterpret_cast<char*>(0x1)) << "wrote past argv";
    return words;
}

using Words = std::vector<std::string>;

} // namespace

TEST(CommandLine, SplitsOnBlanks)
{
    EXPECT_EQ(split("app one two"), (Words { "app", "one", "two" }));
    EXPECT_EQ(split("  app\t one \n two  "), (Words { "app", "one", "two" }));
    EXPECT_EQ(split(""), Words {});
    EXPECT_EQ(split("   "), Words {});
}

TEST(CommandLine, QuotesGroupWords)
{
    EXPECT_EQ(split("app \"hello world\" x"), (Words { "app", "hello world", "x" }));
    EXPECT_EQ(split("a\"b c\"d"), (Words { "ab cd" }));
    EXPECT_EQ(split("app \"\""), (Words { "app", "" }));
    EXPECT_EQ(split("app \"unterminated quote"), (Words { "app", "unterminated quote" }));
}

TEST(CommandLine, NeverOverflowsArgv)
{
    int argc = 0;
    EXPECT_EQ(split("a b c d e", 3, &argc), (Words { "a", "b" }));
    EXPECT_EQ(argc, 2);
    EXPECT_EQ(split("a b", 1, &argc), Words {});
    EXPECT_EQ(split("a b", 0, &argc), Words {});
    EXPECT_EQ(argc, 0);
}
