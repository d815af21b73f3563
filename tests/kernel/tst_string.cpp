// kernel/lib/string.cpp, compiled here with the keel_test_ prefix (see CMakeLists.txt) so the
// host libc stays in charge of the real names. A bug here corrupts every struct copy in the image.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <numeric>
#include <vector>

extern "C" {
void* keel_test_memcpy(void*, const void*, size_t);
void* keel_test_memmove(void*, const void*, size_t);
void* keel_test_memset(void*, int, size_t);
int keel_test_memcmp(const void*, const void*, size_t);
size_t keel_test_strlen(const char*);
int keel_test_strcmp(const char*, const char*);
int keel_test_strncmp(const char*, const char*, size_t);
}

namespace {
std::vector<unsigned char> pattern(size_t n)
{
    std::vector<unsigned char> v(n);
    std::iota(v.begin(), v.end(), 1);
    return v;
}
} // namespace

TEST(String, MemcpyAllAlignmentsAndSizes)
{
    for (size_t srcOffset = 0; srcOffset < 9; ++srcOffset) {
        for (size_t dstOffset = 0; dstOffset < 9; ++dstOffset) {
            for (size_t size : { 0, 1, 7, 8, 9, 63, 64, 200 }) {
                auto source = pattern(256);
                std::vector<unsigned char> destination(256, 0xEE);
                void* result = keel_test_memcpy(destination.data() + dstOffset, source.data() + srcOffset, size);
                EXPECT_EQ(result, destination.data() + dstOffset);
                EXPECT_EQ(std::memcmp(destination.data() + dstOffset, source.data() + srcOffset, size), 0);
                EXPECT_EQ(destination[dstOffset + size], 0xEE) << "wrote past the end";
            }
        }
    }
}

TEST(String, MemmoveOverlapsBothWays)
{
    for (size_t shift : { 1, 3, 8, 13 }) {
        for (size_t size : { 1, 8, 31, 100 }) {
            auto buffer = pattern(256);
            auto expected = buffer;
            std::memmove(expected.data() + shift, expected.data(), size);
            keel_test_memmove(buffer.data() + shift, buffer.data(), size); // destination after source
            EXPECT_EQ(buffer, expected) << "forward overlap shift " << shift << " size " << size;

            buffer = pattern(256);
            expected = buffer;
            std::memmove(expected.data(), expected.data() + shift, size);
            keel_test_memmove(buffer.data(), buffer.data() + shift, size); // destination before source
            EXPECT_EQ(buffer, expected) << "backward overlap shift " << shift << " size " << size;
        }
    }
    auto same = pattern(16);
    keel_test_memmove(same.data(), same.data(), 16);
    EXPECT_EQ(same, pattern(16));
}

TEST(String, MemsetFillsExactlyTheRange)
{
    for (size_t offset = 0; offset < 9; ++offset) {
        for (size_t size : { 0, 1, 7, 8, 9, 100 }) {
            std::vector<unsigned char> buffer(128, 0x11);
            EXPECT_EQ(keel_test_memset(buffer.data() + offset, 0x1AB, size), buffer.data() + offset);
            for (size_t i = 0; i < buffer.size(); ++i) {
                bool inside = i >= offset && i < offset + size;
                EXPECT_EQ(buffer[i], inside ? 0xAB : 0x11) << i;
            }
        }
    }
}

TEST(String, Comparisons)
{
    unsigned char a[] = { 1, 2, 3, 200 };
    unsigned char b[] = { 1, 2, 3, 100 };
    EXPECT_EQ(keel_test_memcmp(a, b, 3), 0);
    EXPECT_GT(keel_test_memcmp(a, b, 4), 0); // bytes compare unsigned
    EXPECT_LT(keel_test_memcmp(b, a, 4), 0);
    EXPECT_EQ(keel_test_memcmp(a, b, 0), 0);
    EXPECT_EQ(keel_test_strlen(""), 0u);
    EXPECT_EQ(keel_test_strlen("keel"), 4u);
    EXPECT_EQ(keel_test_strcmp("abc", "abc"), 0);
    EXPECT_LT(keel_test_strcmp("abc", "abd"), 0);
    EXPECT_GT(keel_test_strcmp("abcd", "abc"), 0);
    EXPECT_LT(keel_test_strcmp("ab", "abc"), 0);
    EXPECT_GT(keel_test_strcmp("\xff", "a"), 0);
    EXPECT_EQ(keel_test_strncmp("abcX", "abcY", 3), 0);
    EXPECT_LT(keel_test_strncmp("abcX", "abcY", 4), 0);
    EXPECT_EQ(keel_test_strncmp("a", "b", 0), 0);
}
