// ErrorOr/TRY/MUST: if these misbehave, kernel errors are silently dropped or MUST never panics.
#include "testsupport.h"

#include <ktl/error.h>

#include <gtest/gtest.h>

#include <string>

namespace {

int s_afterTry = 0;

ktl::ErrorOr<int> parseDigit(char c)
{
    if (c < '0' || c > '9')
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "not a digit");
    return c - '0';
}

ktl::ErrorOr<int> sumDigits(const char* text)
{
    int sum = 0;
    for (; *text; ++text)
        sum += TRY(parseDigit(*text));
    ++s_afterTry;
    return sum;
}

ktl::ErrorOr<void> check(bool ok)
{
    if (!ok)
        return ktl::Error(ktl::ErrorCode::Busy, "device busy");
    return {};
}

ktl::ErrorOr<void> checkTwice(bool first, bool second)
{
    TRY(check(first));
    TRY(check(second));
    return {};
}

struct MoveOnly {
    explicit MoveOnly(int v) : value(v) {}
    MoveOnly(MoveOnly&&) = default;
    MoveOnly& operator=(MoveOnly&&) = default;
    int value;
};

ktl::ErrorOr<MoveOnly> makeMoveOnly() { return MoveOnly(3); }

} // namespace

TEST(ErrorOr, ValueAndError)
{
    auto ok = parseDigit('7');
    ASSERT_FALSE(ok.isError());
    EXPECT_EQ(ok.value(), 7);
    auto bad = parseDigit('x');
    ASSERT_TRUE(bad.isError());
    EXPECT_EQ(bad.error().code(), ktl::ErrorCode::InvalidArgument);
    EXPECT_STREQ(bad.error().message(), "not a digit");
    EXPECT_STREQ(ktl::errorCodeName(ktl::ErrorCode::OutOfMemory), "out of memory");
    auto moved = makeMoveOnly();
    EXPECT_EQ(moved.releaseValue().value, 3);
}

TEST(ErrorOr, TryPropagatesTheFirstError)
{
    s_afterTry = 0;
    EXPECT_EQ(sumDigits("123").value(), 6);
    EXPECT_EQ(s_afterTry, 1);
    auto failed = sumDigits("12x4");
    ASSERT_TRUE(failed.isError());
    EXPECT_STREQ(failed.error().message(), "not a digit");
    EXPECT_EQ(s_afterTry, 1); // returned early
    EXPECT_FALSE(checkTwice(true, true).isError());
    EXPECT_EQ(checkTwice(true, false).error().code(), ktl::ErrorCode::Busy);
}

TEST(ErrorOr, MustYieldsValueOrReachesTheFatalHook)
{
    int value = MUST(parseDigit('4'));
    EXPECT_EQ(value, 4);
    MUST(check(true));
    int before = keeltest::fatalCount();
    try {
        MUST(parseDigit('?'));
        FAIL() << "MUST returned after an error";
    } catch (const keeltest::FatalError& fatal) {
        std::string message = fatal.what();
        EXPECT_NE(message.find("MUST failed at"), std::string::npos) << message;
        EXPECT_NE(message.find("tst_error.cpp:"), std::string::npos) << message;
        EXPECT_NE(message.find("not a digit (invalid argument)"), std::string::npos) << message;
    }
    EXPECT_EQ(keeltest::fatalCount(), before + 1);
    EXPECT_THROW(MUST(check(false)), keeltest::FatalError);
}
