// {{name}}: a Keel pico VM. Prints a greeting, the command line it was booted with and how much
// memory it has; main()'s return value becomes the VM's exit status.
#include <keel/print.h>
#include <keel/system.h>

int main(int argc, char** argv)
{
    keel::println("Hello from Keel!");
    for (int i = 0; i < argc; ++i)
        keel::println("argv[{}] = {}", i, argv[i]);
    u64 memory = keel::memorySize();
    keel::println("Memory: {} MiB ({} bytes)", memory / (1024 * 1024), memory);
    return 0;
}
