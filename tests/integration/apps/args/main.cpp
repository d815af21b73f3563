// Prints each argument on its own line and returns the number of arguments after argv[0].
#include <keel/print.h>

int main(int argc, char** argv)
{
    for (int i = 0; i < argc; ++i)
        keel::println("argv[{}]={}", i, argv[i]);
    return argc - 1;
}
