// Returns 42: the runner must report 42 as the guest's exit status.
#include <keel/print.h>

int main(int, char**)
{
    keel::println("returning 42");
    return 42;
}
