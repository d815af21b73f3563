// Recurses without end: the guard page below the stack must turn this into a panic.
#include <keel/print.h>

[[gnu::noinline]] int recurse(int depth)
{
    volatile char frame[256];
    frame[0] = static_cast<char>(depth);
    return recurse(depth + 1) + frame[0];
}

int main(int, char**)
{
    keel::println("about to overflow the stack");
    return recurse(0);
}
