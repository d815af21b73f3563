// The C memory and string primitives. GCC emits calls to memcpy/memmove/memset/memcmp even in
// freestanding code (struct copies, zeroing), so the image must provide them.
//
// On the host these names belong to libc, and replacing them inside a test executable would
// test nothing and break everything. The host tests therefore compile this file with
// -DKEEL_STRING_PREFIX=keel_test_, which renames every function (keel_test_memcpy, ...); the
// kernel build leaves the macro unset and gets the real names.
//
// The loops are marked so GCC does not "optimise" them back into calls to memcpy/memset
// (which would recurse forever in the kernel).
#include <ktl/types.h>

#ifdef KEEL_STRING_PREFIX
#define KEEL_CONCAT2(a, b) a##b
#define KEEL_CONCAT(a, b) KEEL_CONCAT2(a, b)
#define KEEL_STRING_NAME(name) KEEL_CONCAT(KEEL_STRING_PREFIX, name)
#else
#define KEEL_STRING_NAME(name) name
#endif

#define KEEL_NO_BUILTIN_LOOPS __attribute__((optimize("no-tree-loop-distribute-patterns")))

namespace {

// A word the compiler may assume aliases anything and sits at any address (x86_64 loads and
// stores unaligned words at full speed).
using AnyWord = u64 __attribute__((may_alias, aligned(1)));

} // namespace

extern "C" {

KEEL_NO_BUILTIN_LOOPS void* KEEL_STRING_NAME(memcpy)(void* destination, const void* source, size_t count)
{
    auto* out = static_cast<u8*>(destination);
    const auto* in = static_cast<const u8*>(source);
    for (; count >= 8; count -= 8, out += 8, in += 8)
        *reinterpret_cast<AnyWord*>(out) = *reinterpret_cast<const AnyWord*>(in);
    while (count--)
        *out++ = *in++;
    return destination;
}

KEEL_NO_BUILTIN_LOOPS void* KEEL_STRING_NAME(memmove)(void* destination, const void* source, size_t count)
{
    auto* out = static_cast<u8*>(destination);
    const auto* in = static_cast<const u8*>(source);
    // Copying forwards is safe unless the destination starts inside the source.
    if (out <= in || out >= in + count)
        return KEEL_STRING_NAME(memcpy)(destination, source, count);
    while (count--)
        out[count] = in[count];
    return destination;
}

KEEL_NO_BUILTIN_LOOPS void* KEEL_STRING_NAME(memset)(void* destination, int value, size_t count)
{
    auto* out = static_cast<u8*>(destination);
    u8 byte = static_cast<u8>(value);
    u64 word = 0x0101010101010101ull * byte;
    for (; count >= 8; count -= 8, out += 8)
        *reinterpret_cast<AnyWord*>(out) = word;
    while (count--)
        *out++ = byte;
    return destination;
}

KEEL_NO_BUILTIN_LOOPS int KEEL_STRING_NAME(memcmp)(const void* left, const void* right, size_t count)
{
    const auto* a = static_cast<const u8*>(left);
    const auto* b = static_cast<const u8*>(right);
    for (size_t i = 0; i < count; ++i) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

KEEL_NO_BUILTIN_LOOPS size_t KEEL_STRING_NAME(strlen)(const char* text)
{
    size_t length = 0;
    while (text[length])
        ++length;
    return length;
}

KEEL_NO_BUILTIN_LOOPS int KEEL_STRING_NAME(strncmp)(const char* left, const char* right, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        auto a = static_cast<unsigned char>(left[i]);
        auto b = static_cast<unsigned char>(right[i]);
        if (a != b)
            return a < b ? -1 : 1;
        if (a == 0)
            return 0;
    }
    return 0;
}

int KEEL_STRING_NAME(strcmp)(const char* left, const char* right)
{
    return KEEL_STRING_NAME(strncmp)(left, right, ~size_t(0));
}

} // extern "C"
