// Takes 64 MiB blocks from the heap until it holds more than the first 4 GiB of the address space
// can give, writing and reading back a word at each block's ends: RAM above 4 GiB must be handed
// out (and mapped writable) like the rest.
#include <keel/print.h>
#include <keel/system.h>

#include <stddef.h>
#include <stdint.h>

namespace {

constexpr size_t kBlock = 64 * 1024 * 1024;
constexpr uintptr_t kFourGiB = uintptr_t(4) << 30;

} // namespace

int main(int, char**)
{
    keel::println("RAM {} MiB", keel::memorySize() / (1024 * 1024));
    size_t blocks = 0;
    size_t high = 0;
    for (size_t want = keel::memorySize() / kBlock - 4; blocks < want; ++blocks) {
        auto* block = new char[kBlock];
        auto* first = reinterpret_cast<volatile uint64_t*>(block);
        auto* last = reinterpret_cast<volatile uint64_t*>(block + kBlock - sizeof(uint64_t));
        *first = blocks;
        *last = ~uint64_t(blocks);
        if (*first != blocks || *last != ~uint64_t(blocks))
            keel::panic("a heap block does not hold what was written");
        if (reinterpret_cast<uintptr_t>(block) >= kFourGiB)
            ++high;
    }
    keel::println("{} blocks of 64 MiB, {} above 4 GiB", blocks, high);
    return high > 0 ? 0 : 1;
}
