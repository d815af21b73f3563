// ktl containers: a broken Vector or RingBuffer loses driver input or corrupts kernel state.
#include "testsupport.h"

#include <ktl/optional.h>
#include <ktl/ringbuffer.h>
#include <ktl/span.h>
#include <ktl/stringview.h>
#include <ktl/uniqueptr.h>
#include <ktl/vector.h>

#include <gtest/gtest.h>

#include <string>

namespace {

// Counts live instances so leaks and double destruction show up.
struct Tracked {
    static inline int s_live = 0;
    int value;
    explicit Tracked(int v = 0) : value(v) { ++s_live; }
    Tracked(const Tracked& other) : value(other.value) { ++s_live; }
    Tracked(Tracked&& other) : value(other.value) { other.value = -1; ++s_live; }
    Tracked& operator=(const Tracked&) = default;
    Tracked& operator=(Tracked&&) = default;
    ~Tracked() { --s_live; }
};

} // namespace

TEST(StringView, BasicsAndSearch)
{
    ktl::StringView text = "console=ttyS0";
    EXPECT_EQ(text.size(), 13u);
    EXPECT_TRUE(text.startsWith("console"));
    EXPECT_TRUE(text.endsWith("S0"));
    EXPECT_FALSE(text.startsWith("consoles-and-more"));
    ASSERT_TRUE(text.find('=').hasValue());
    EXPECT_EQ(*text.find('='), 7u);
    EXPECT_FALSE(text.find('#').hasValue());
    EXPECT_EQ(*text.find("tty"), 8u);
    EXPECT_TRUE(text.contains("=tt"));
    EXPECT_EQ(text.substring(8), ktl::StringView("ttyS0"));
    EXPECT_EQ(text.substring(8, 3), ktl::StringView("tty"));
    EXPECT_TRUE(text.substring(100).isEmpty());
    EXPECT_TRUE(ktl::StringView().isEmpty());
    EXPECT_FALSE(ktl::StringView("ab") == ktl::StringView("abc"));
}

TEST(StringView, ToUnsigned)
{
    EXPECT_EQ(*ktl::StringView("42").toUnsigned(), 42u);
    EXPECT_EQ(*ktl::StringView("0x1F").toUnsigned(), 31u);
    EXPECT_EQ(*ktl::StringView("18446744073709551615").toUnsigned(), UINT64_MAX);
    EXPECT_FALSE(ktl::StringView("18446744073709551616").toUnsigned().hasValue());
    EXPECT_FALSE(ktl::StringView("12a").toUnsigned().hasValue());
    EXPECT_FALSE(ktl::StringView("0x").toUnsigned().hasValue());
    EXPECT_FALSE(ktl::StringView("").toUnsigned().hasValue());
}

TEST(Span, ViewsAndClipping)
{
    int values[] = { 1, 2, 3, 4, 5 };
    ktl::Span<int> all(values);
    EXPECT_EQ(all.size(), 5u);
    EXPECT_EQ(all.sizeInBytes(), sizeof(values));
    ktl::Span<const int> constant = all;
    EXPECT_EQ(constant.first(2).size(), 2u);
    EXPECT_EQ(constant.last(2)[0], 4);
    EXPECT_EQ(all.subspan(3)[1], 5);
    EXPECT_EQ(all.subspan(4, 10).size(), 1u);
    EXPECT_TRUE(all.subspan(6).isEmpty());
    int sum = 0;
    for (int v : all.subspan(1, 3))
        sum += v;
    EXPECT_EQ(sum, 9);
    all[0] = 10;
    EXPECT_EQ(values[0], 10);
}

TEST(Optional, HoldsReleasesAndDestroys)
{
    {
        ktl::Optional<Tracked> empty;
        EXPECT_FALSE(empty.hasValue());
        EXPECT_EQ(empty.valueOr(Tracked(3)).value, 3);
        ktl::Optional<Tracked> full = Tracked(7);
        EXPECT_TRUE(full);
        EXPECT_EQ(full->value, 7);
        ktl::Optional<Tracked> copy = full;
        EXPECT_EQ((*copy).value, 7);
        Tracked taken = full.release();
        EXPECT_EQ(taken.value, 7);
        EXPECT_FALSE(full.hasValue());
        copy.emplace(9);
        EXPECT_EQ(copy->value, 9);
        copy = empty;
        EXPECT_FALSE(copy.hasValue());
    }
    EXPECT_EQ(Tracked::s_live, 0);
    EXPECT_TRUE(ktl::Optional<int>(1) == ktl::Optional<int>(1));
    EXPECT_FALSE(ktl::Optional<int>(1) == ktl::Optional<int>());
}

TEST(Vector, AppendInsertEraseTake)
{
    ktl::Vector<int> v;
    EXPECT_TRUE(v.isEmpty());
    for (int i = 0; i < 100; ++i)
        v.append(i);
    EXPECT_EQ(v.size(), 100u);
    EXPECT_GE(v.capacity(), 100u);
    v.insert(0, -1);
    v.insert(50, 1000);
    v.insert(v.size(), 2000);
    EXPECT_EQ(v[0], -1);
    EXPECT_EQ(v[50], 1000);
    EXPECT_EQ(v.last(), 2000);
    v.erase(50);
    EXPECT_EQ(v[50], 49);
    v.erase(0, 3);
    EXPECT_EQ(v.first(), 2);
    EXPECT_EQ(v.takeLast(), 2000);
    EXPECT_EQ(v.size(), 98u);
    int expected = 2;
    for (int x : v)
        EXPECT_EQ(x, expected++);
    EXPECT_TRUE(v.tryInsert(1000, 5).isError());
    v.erase(500); // past the end: ignored
    EXPECT_EQ(v.span().size(), 98u);
}

TEST(Vector, ElementLifetimesCopiesAndMoves)
{
    {
        ktl::Vector<Tracked> v;
        for (int i = 0; i < 20; ++i)
            v.append(Tracked(i));
        EXPECT_EQ(Tracked::s_live, 20);
        ktl::Vector<Tracked> copy = v;
        EXPECT_EQ(Tracked::s_live, 40);
        ktl::Vector<Tracked> moved = ktl::move(v);
        EXPECT_TRUE(v.isEmpty());
        EXPECT_EQ(moved[19].value, 19);
        moved.erase(5, 10);
        EXPECT_EQ(moved.size(), 10u);
        EXPECT_EQ(moved[5].value, 15);
        EXPECT_EQ(Tracked::s_live, 30);
        copy.resize(3);
        EXPECT_EQ(Tracked::s_live, 13);
        copy.clear();
        EXPECT_EQ(Tracked::s_live, 10);
    }
    EXPECT_EQ(Tracked::s_live, 0);
}

TEST(Vector, GrowthFailureIsReportedAndAppendMusts)
{
    ktl::Vector<int> v;
    v.reserve(4);
    for (int i = 0; i < 4; ++i)
        v.append(i);
    keeltest::failAllocationsAfter(0);
    auto result = v.tryAppend(4);
    ASSERT_TRUE(result.isError());
    EXPECT_EQ(result.error().code(), ktl::ErrorCode::OutOfMemory);
    EXPECT_EQ(v.size(), 4u); // unchanged
    EXPECT_EQ(v[3], 3);
    EXPECT_THROW(v.append(4), keeltest::FatalError);
    keeltest::stopFailingAllocations();
    EXPECT_FALSE(v.tryAppend(4).isError());
    EXPECT_EQ(v.size(), 5u);
}

TEST(UniquePtr, OwnsAndReleases)
{
    {
        auto p = ktl::makeUnique<Tracked>(5);
        EXPECT_EQ(p->value, 5);
        EXPECT_EQ(Tracked::s_live, 1);
        ktl::UniquePtr<Tracked> q = ktl::move(p);
        EXPECT_FALSE(p);
        EXPECT_EQ((*q).value, 5);
        q.reset(new Tracked(6));
        EXPECT_EQ(Tracked::s_live, 1);
        Tracked* raw = q.release();
        EXPECT_EQ(Tracked::s_live, 1);
        delete raw;
        auto r = ktl::tryMakeUnique<Tracked>(8);
        ASSERT_FALSE(r.isError());
        EXPECT_EQ(r.value()->value, 8);
    }
    EXPECT_EQ(Tracked::s_live, 0);
    keeltest::failAllocationsAfter(0);
    auto failed = ktl::tryMakeUnique<Tracked>(1);
    keeltest::stopFailingAllocations();
    EXPECT_TRUE(failed.isError());
    EXPECT_EQ(Tracked::s_live, 0);
}

TEST(RingBuffer, FifoFullEmptyAndWrap)
{
    ktl::RingBuffer<char, 3> ring;
    EXPECT_TRUE(ring.isEmpty());
    EXPECT_FALSE(ring.pop().hasValue());
    EXPECT_TRUE(ring.tryPush('a'));
    EXPECT_TRUE(ring.tryPush('b'));
    EXPECT_TRUE(ring.tryPush('c'));
    EXPECT_TRUE(ring.isFull());
    EXPECT_FALSE(ring.tryPush('d'));
    EXPECT_EQ(*ring.peek(), 'a');
    EXPECT_EQ(*ring.pop(), 'a');
    EXPECT_TRUE(ring.tryPush('d'));
    std::string out;
    while (auto c = ring.pop())
        out += *c;
    EXPECT_EQ(out, "bcd");
    for (int round = 0; round < 100; ++round) { // many wraps
        EXPECT_TRUE(ring.tryPush(char('0' + round % 10)));
        EXPECT_EQ(*ring.pop(), char('0' + round % 10));
    }
    ring.tryPush('x');
    ring.clear();
    EXPECT_EQ(ring.size(), 0u);
    EXPECT_EQ(ring.capacity(), 3u);
}
