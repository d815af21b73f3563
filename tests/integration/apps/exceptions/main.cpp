// Raises the CPU exception named by the first argument (`keel run --cmdline gp-selector`), so the
// test can check each one's panic text. Each case is one instruction that faults.
#include <keel/print.h>
#include <keel/system.h>

namespace {

void divideByZero()
{
    asm volatile("xor %%ecx, %%ecx; div %%ecx" ::: "eax", "ecx", "edx");
}

void invalidOpcode() { asm volatile("ud2"); }
void breakpoint() { asm volatile("int3"); }

// The trap flag makes the CPU raise #DB after the next instruction.
void singleStep()
{
    asm volatile("pushfq; orq $0x100, (%%rsp); popfq; nop" ::: "memory", "cc");
}

// Loading a selector past the GDT's limit: #GP with the selector as error code.
void badSelector()
{
    asm volatile("mov $0x1000, %%ax; mov %%ax, %%ds" ::: "eax");
}

// A non-canonical address: #GP with error code 0.
void nonCanonical()
{
    asm volatile("movabs $0x8000000000000000, %%rax; mov (%%rax), %%rax" ::: "rax");
}

// 1 GiB is far above the 16 MiB the test gives the guest, so it is not mapped.
volatile u64* const kUnmapped = reinterpret_cast<volatile u64*>(0x40000000);

void readUnmapped() { (void)*kUnmapped; }
void writeUnmapped() { *kUnmapped = 1; }

// Data pages are no-execute.
void executeData()
{
    static u8 code[16] = {0xc3};
    asm volatile("call *%0" : : "r"(code) : "memory");
}

struct Case {
    const char* name;
    void (*raise)();
};

constexpr Case kCases[] = {
    {"de", divideByZero}, {"ud", invalidOpcode}, {"bp", breakpoint}, {"db", singleStep},
    {"gp-selector", badSelector}, {"gp-noncanonical", nonCanonical}, {"pf-read", readUnmapped},
    {"pf-write", writeUnmapped}, {"pf-exec", executeData},
};

} // namespace

int main(int argc, char** argv)
{
    ktl::StringView wanted = argc > 1 ? argv[1] : "";
    for (const Case& c : kCases) {
        if (wanted == c.name) {
            keel::println("raising {}", c.name);
            c.raise();
            keel::println("{} returned", c.name);
            return 1;
        }
    }
    keel::println("unknown case '{}'", wanted);
    return 2;
}
