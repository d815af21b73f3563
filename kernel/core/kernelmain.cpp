// The boot path after the assembly entry: CPU tables → consoles → boot information → memory →
// init levels → global constructors → main(argc, argv) → exit with main's status.
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/idt.h"
#include "core/bootinfo.h"
#include "core/init.h"
#include "core/physicalmemory.h"
#include "core/systemstate.h"

#include <keel/config.h>
#include <keel/system.h>

// The app's main; an asm label because C++ does not let the kernel name ::main.
int keelAppMain(int argc, char** argv) asm("main");

extern "C" void (*const __init_array_start[])();
extern "C" void (*const __init_array_end[])();

namespace keel {
namespace {

constexpr int kMaxArguments = 64;

char s_argumentBuffer[kMaxCommandLine];
char* s_argv[kMaxArguments];

void parseBootInfo(u32 protocol, u64 infoAddress)
{
    IdentityMemoryView memory;
    auto parsed = BootProtocol(protocol) == BootProtocol::Pvh
        ? parsePvhStartInfo(memory, infoAddress)
        : parseMultiboot2Info(memory, infoAddress);
    if (parsed.isError())
        panic("cannot read the boot information at {:#x}: {}", infoAddress, parsed.error());
    SystemState::bootInfo() = parsed.releaseValue();
}

void runGlobalConstructors()
{
    for (auto* constructor = __init_array_start; constructor != __init_array_end; ++constructor)
        (*constructor)();
}

// argv[0] is the project name; the rest is the boot command line split like a shell would.
int buildArguments()
{
    const char* commandLine = SystemState::bootInfo().commandLine;
    for (size_t i = 0; i + 1 < kMaxCommandLine && commandLine[i]; ++i)
        s_argumentBuffer[i] = commandLine[i];
    s_argv[0] = const_cast<char*>(KEEL_PROJECT_NAME);
    return 1 + splitCommandLine(s_argumentBuffer, { s_argv + 1, kMaxArguments - 1 });
}

} // namespace
} // namespace keel

extern "C" [[noreturn]] void keelKernelMain(u32 protocol, u64 infoAddress)
{
    using namespace keel;
    arch::initialiseGdt();
    arch::initialiseExceptions();
    // Consoles come before the memory map so that a failure while reading it can be reported.
    runInitSteps(InitLevel::Early);
    parseBootInfo(protocol, infoAddress);
    if (auto memory = initialisePhysicalMemory(SystemState::bootInfo()); memory.isError())
        panic("cannot set up memory: {}", memory.error());
    runInitSteps(InitLevel::Memory);
    runInitSteps(InitLevel::Driver);
    runInitSteps(InitLevel::Late);
    runGlobalConstructors();
    int argc = buildArguments();
    keel::exit(keelAppMain(argc, s_argv));
}
