// Powers the machine off through keel::shutdown() (for machines without a keyboard, e.g.
// microvm, where the vga-shell's `shutdown` command cannot be typed).
#include <keel/print.h>
#include <keel/system.h>

int main()
{
    keel::println("shutting down");
    keel::shutdown();
}
