// {{name}}: a small shell on the VGA text screen, typed on the PS/2 keyboard. Everything it
// prints also goes to the serial console, so `keel run --headless` shows the session too.
#include <keel/assets.h>
#include <keel/keyboard.h>
#include <keel/pci.h>
#include <keel/print.h>
#include <keel/rtc.h>
#include <keel/system.h>
#include <keel/time.h>
#include <keel/vga.h>

namespace {

using keel::vga::Colour;

struct Command {
    const char* name;
    const char* help;
    void (*run)(ktl::StringView arguments);
};

void help(ktl::StringView);

void mem(ktl::StringView)
{
    u64 bytes = keel::memorySize();
    keel::println("{} KiB of usable RAM ({} bytes)", bytes / 1024, bytes);
}

void time(ktl::StringView)
{
    keel::println("{} UTC", keel::rtc::now());
}

void uptime(ktl::StringView)
{
    u64 milliseconds = keel::uptime().toMilliseconds();
    keel::println("up {}.{:03} s", milliseconds / 1000, milliseconds % 1000);
}

void printBars(const keel::pci::Device& device)
{
    for (const keel::pci::Bar& bar : device.bars) {
        if (!bar.isPresent())
            continue;
        bool io = bar.kind == keel::pci::BarKind::Io;
        keel::println("    {} at {:#x} [size={:#x}]{}", io ? "I/O ports" : "Memory", bar.address,
            bar.size, bar.prefetchable ? " prefetchable" : "");
    }
    if (const keel::pci::Driver* driver = keel::pci::driverOf(device))
        keel::println("    Kernel driver in use: {}", driver->name);
    for (int i = 0; i < device.capabilityCount; ++i)
        keel::println("    Capability {:#04x} at {:#04x}", device.capabilities[i].id,
            device.capabilities[i].offset);
}

// "lspci -v" adds BARs and capabilities.
void lspci(ktl::StringView arguments)
{
    bool verbose = arguments == "-v";
    if (verbose)
        keel::println("configuration space through {}",
            keel::pci::mechanism() == keel::pci::Mechanism::Ecam ? "PCIe ECAM" : "ports 0xcf8/0xcfc");
    for (const keel::pci::Device& device : keel::pci::devices()) {
        keel::println("{:02x}:{:02x}.{} {}: {:04x}:{:04x} (rev {:02x})", device.address.bus,
            device.address.device, device.address.function, keel::pci::className(device),
            device.vendorId, device.deviceId, device.revision);
        if (verbose)
            printBars(device);
    }
}

void echo(ktl::StringView arguments)
{
    keel::println("{}", arguments);
}

void ls(ktl::StringView)
{
    for (const keel::assets::Asset& asset : keel::assets::list())
        keel::println("{:>8} {}", asset.size(), asset.name());
}

void cat(ktl::StringView name)
{
    auto asset = keel::assets::open(name);
    if (asset.isError()) {
        keel::println("cat: {}: {} (try ls)", name, asset.error());
        return;
    }
    ktl::StringView text = asset.value().text();
    keel::print("{}", text);
    if (!text.isEmpty() && !text.endsWith("\n"))
        keel::println("");
}

void clear(ktl::StringView)
{
    keel::vga::clear();
}

void shutdown(ktl::StringView)
{
    keel::println("Powering off.");
    keel::shutdown();
}

constexpr Command kCommands[] = {
    {"help", "list the commands", help},
    {"mem", "how much memory the machine has", mem},
    {"time", "the date and time from the real-time clock", time},
    {"uptime", "time since boot", uptime},
    {"lspci", "the PCI devices (-v: with BARs and capabilities)", lspci},
    {"echo", "print the rest of the line", echo},
    {"ls", "list the files in assets/", ls},
    {"cat", "print a file from assets/ (cat motd.txt)", cat},
    {"clear", "blank the screen", clear},
    {"shutdown", "power the machine off", shutdown},
};

void help(ktl::StringView)
{
    for (const Command& command : kCommands)
        keel::println("  {:<10}{}", command.name, command.help);
}

ktl::StringView trimmed(ktl::StringView text)
{
    size_t start = 0;
    while (start < text.size() && text[start] == ' ')
        ++start;
    size_t end = text.size();
    while (end > start && text[end - 1] == ' ')
        --end;
    return text.substring(start, end - start);
}

void execute(ktl::StringView line)
{
    line = trimmed(line);
    if (line.isEmpty())
        return;
    size_t space = line.find(' ').valueOr(line.size());
    ktl::StringView name = line.substring(0, space);
    for (const Command& command : kCommands) {
        if (name == command.name) {
            command.run(trimmed(line.substring(space)));
            return;
        }
    }
    keel::println("{}: unknown command (try help)", name);
}

void banner()
{
    keel::vga::setColour(Colour::White, Colour::Blue);
    // A full 80-column line: the screen wraps lazily, so the newline adds no blank line there.
    keel::println("{:<80}", " Keel vga-shell - {{name}}");
    keel::vga::setColour(Colour::LightGrey, Colour::Black);
    if (auto motd = keel::assets::open("motd.txt"); !motd.isError())
        keel::print("{}", motd.value().text());
    keel::println("Type help and press Enter.");
}

} // namespace

int main()
{
    banner();
    if (!keel::keyboard::isAvailable()) {
        keel::println("No PS/2 keyboard on this machine; run it with machine = \"pc\" or \"q35\".");
        return 1;
    }
    char line[78];
    for (;;) {
        keel::vga::setColour(Colour::LightGreen, Colour::Black);
        keel::print("keel> ");
        keel::vga::setColour(Colour::LightGrey, Colour::Black);
        execute(keel::keyboard::readLine(line));
    }
}
