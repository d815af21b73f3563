// Reads through a null pointer: the kernel must report a page fault at address 0.
#include <keel/print.h>

[[gnu::noinline]] int crashHere(volatile int* pointer)
{
    return *pointer;
}

int main(int, char**)
{
    keel::println("about to dereference null");
    return crashHere(nullptr);
}
