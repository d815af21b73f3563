// Allocates until memory runs out: the heap must stop with a clear out-of-memory panic.
#include <keel/print.h>

#include <stddef.h>

int main(int, char**)
{
    keel::println("allocating until memory runs out");
    size_t total = 0;
    for (;;) {
        auto* block = new char[64 * 1024];
        block[0] = 1;  // touch it so the allocation is real
        total += 64 * 1024;
        if (total % (1024 * 1024) == 0)
            keel::println("allocated {} KiB", total / 1024);
    }
}
