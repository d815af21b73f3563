// The framebuffer module: claims the Bochs-compatible display (PCI 1234:1111) at boot, and maps
// and programs it when the app asks for a mode (keel/framebuffer.h).
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/mmio.h"
#include "arch/x86_64/paging.h"
#include "framebuffer/bochsdispi.h"
#include "pci/pciconfigspace.h"

#include <keel/framebuffer.h>
#include <keel/pci.h>

namespace keel::framebuffer {
namespace {

constexpr u16 kBochsVendor = 0x1234;
constexpr u16 kBochsDevice = 0x1111;
constexpr u64 kRegisterPage = 4096;

const pci::Device* s_device = nullptr;
bool s_registersMapped = false;
Canvas s_canvas;

ktl::ErrorOr<pci::Probe> probeDisplay(const pci::Device& device)
{
    if (!device.bars[0].isPresent() || !device.bars[2].isPresent()
        || device.bars[2].kind == pci::BarKind::Io)
        return pci::Probe::NotMine; // an old stdvga without the MMIO BAR
    // Firmware normally turns decoding on; a bare -kernel boot may not have.
    u16 command = pci::readConfig16(device.address, pci::ConfigRegister::kCommand);
    pci::writeConfig16(device.address, pci::ConfigRegister::kCommand,
        command | pci::Command::kMemorySpace);
    s_device = &device;
    return pci::Probe::Claimed;
}

// Page-table changes with interrupts off, as arch::mapMmio asks.
ktl::ErrorOr<void> mapWithInterruptsOff(u64 address, u64 size)
{
    bool wereEnabled = cpu::readFlags() & cpu::kFlagInterruptEnable;
    cpu::disableInterrupts();
    ktl::ErrorOr<void> result = arch::mapMmio(address, size);
    if (wereEnabled)
        cpu::enableInterrupts();
    return result;
}

ktl::ErrorOr<BochsDispi<mmio::MmioWindow>> dispi()
{
    u64 registers = s_device->bars[2].address;
    if (!s_registersMapped) {
        TRY(mapWithInterruptsOff(registers, kRegisterPage));
        s_registersMapped = true;
    }
    return BochsDispi<mmio::MmioWindow>(mmio::MmioWindow(registers));
}

} // namespace

bool isAvailable()
{
    return s_device != nullptr;
}

ktl::ErrorOr<Canvas*> setMode(int width, int height)
{
    if (!s_device)
        return ktl::Error(ktl::ErrorCode::Unsupported, "no Bochs-compatible display (PCI 1234:1111)");
    if (width <= 0 || height <= 0 || width > 0xffff || height > 0xffff)
        return ktl::Error(ktl::ErrorCode::OutOfRange, "mode size out of range");
    BochsDispi<mmio::MmioWindow> device = TRY(dispi());
    if (!device.isPresent())
        return ktl::Error(ktl::ErrorCode::Unsupported, "the display does not answer as Bochs DISPI");
    u64 bytes = u64(width) * u64(height) * 4;
    if (bytes > s_device->bars[0].size || !device.setMode(u16(width), u16(height)))
        return ktl::Error(ktl::ErrorCode::OutOfRange, "the display cannot show this mode");
    u64 pixels = s_device->bars[0].address;
    TRY(mapWithInterruptsOff(pixels, bytes));
    s_canvas = Canvas(reinterpret_cast<u32*>(pixels), width, height, width);
    return &s_canvas;
}

Canvas* screen()
{
    return s_canvas.isValid() ? &s_canvas : nullptr;
}

} // namespace keel::framebuffer

KEEL_PCI_DRIVER(s_bochsDisplayDriver, "framebuffer",
    keel::pci::Match::device(keel::framebuffer::kBochsVendor, keel::framebuffer::kBochsDevice),
    keel::framebuffer::probeDisplay);
