// Overruns a stack buffer: -fstack-protector-strong's canary must catch it on return.
#include <keel/print.h>

#include <stddef.h>

[[gnu::noinline]] void overrun(volatile char* target, size_t count)
{
    for (size_t i = 0; i < count; ++i)
        target[i] = 'A';
}

[[gnu::noinline]] int smash()
{
    volatile char buffer[16];
    overrun(buffer, 64);
    return buffer[0];
}

int main(int, char**)
{
    keel::println("about to smash the stack");
    return smash();
}
