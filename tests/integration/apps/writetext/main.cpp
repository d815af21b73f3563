// Writes into its own code: .text is mapped read-only, so this must be a page fault on write.
#include <keel/print.h>

#include <stdint.h>

int main(int, char**)
{
    keel::println("about to write to .text");
    auto* code = reinterpret_cast<volatile uint8_t*>(reinterpret_cast<uintptr_t>(&main));
    *code = 0xcc;
    return 0;
}
