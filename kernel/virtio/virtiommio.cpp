// Virtio over MMIO in the image (microvm). QEMU 7.2 lists the windows on the kernel command line
// (virtio_mmio.device=512@0xfeb00e00:12) only when microvm runs with acpi=off; with ACPI they
// are described in the DSDT instead. Without command-line entries the module therefore probes
// the slots where microvm places its transports (hw/i386/microvm.c: 24 windows of 512 bytes from
// 0xfeb00000). Rather than parse AML for their interrupts, it uses microvm's fixed wiring: with
// ACPI, transport i is on GSI 24 + i of the second IOAPIC (level-triggered, active high, as the
// DSDT says). That GSI only registers when the MADT (acpi feature) names that IOAPIC; otherwise,
// or when microvm runs without the second IOAPIC, the device is polled.
#include "arch/x86_64/mmio.h"
#include "arch/x86_64/paging.h"
#include "core/init.h"
#include "virtio/mmiocommandline.h"
#include "virtio/mmiotransport.h"
#include "virtio/virtiobus.h"

#include <keel/system.h>
#include <ktl/format.h>

#if KEEL_FEATURE_INTERRUPTS
#include <keel/interrupts.h>
#endif
#if KEEL_FEATURE_PCI
#include <keel/pci.h>
#endif

namespace keel::virtio {
namespace {

using KernelMmioTransport = MmioTransport<mmio::MmioWindow>;
static_assert(sizeof(KernelMmioTransport) <= sizeof(TransportStorage));

constexpr u64 kMicrovmFirstWindow = 0xfeb00000;
constexpr u64 kMicrovmWindowSize = 0x200;
constexpr size_t kMicrovmWindowCount = 24;
constexpr u32 kMicrovmFirstVirtioGsi = 24; // IO_APIC_SECONDARY_IRQBASE

#if KEEL_FEATURE_INTERRUPTS
// Command-line IRQs below 16 are ISA lines (microvm with acpi=off); the rest are GSIs.
bool connectIrq(u32 irq, void (*handler)(void*), void* context)
{
    if (irq < interrupts::kIsaIrqCount)
        return irq != 0 && !interrupts::registerIrqHandler(u8(irq), handler, context).isError();
    return !interrupts::registerGsiHandler(irq, interrupts::Trigger::Level, interrupts::Polarity::ActiveHigh,
                                           handler, context)
                .isError();
}
#endif

void attach(const MmioDeviceSpec& spec)
{
    char where[32];
    size_t length = ktl::formatToBuffer(where, "mmio {:#x}", spec.base);
    ktl::StringView name(where, length < sizeof(where) ? length : sizeof(where) - 1);
    if (arch::mapMmio(spec.base, spec.size).isError())
        return reportSkipped(name, "cannot map the window");
    KernelMmioTransport probe(mmio::MmioWindow(spec.base), spec.irq);
    switch (probe.probe()) {
    case MmioProbe::NotVirtio:
    case MmioProbe::Empty: return;
    case MmioProbe::Legacy:
        return reportSkipped(name, "legacy-only virtio-mmio device (version 1); Keel drives virtio 1.x only");
    case MmioProbe::Modern: break;
    }
    TransportStorage* storage = reserveTransport();
    if (!storage)
        return reportSkipped(name, "more virtio devices than virtio.max-devices");
    auto* transport = new (storage->bytes) KernelMmioTransport(probe);
#if KEEL_FEATURE_INTERRUPTS
    transport->setIrqConnector(connectIrq);
#endif
    addDevice(*transport, name);
}

// On pc/q35 the firmware may have put a PCI device's BAR where microvm keeps its slots; reading
// another device's registers to look for the magic could upset it, so such slots are skipped.
// (The pci module enumerates before this step: both run at `driver`, pci links first.)
bool slotBelongsToPci(u64 base)
{
#if KEEL_FEATURE_PCI
    for (const pci::Device& device : pci::devices()) {
        for (const pci::Bar& bar : device.bars) {
            bool isMemory = bar.kind == pci::BarKind::Memory32 || bar.kind == pci::BarKind::Memory64;
            if (isMemory && bar.isPresent() && base < bar.address + bar.size && bar.address < base + kMicrovmWindowSize)
                return true;
        }
    }
#endif
    (void)base;
    return false;
}

void discoverMmioDevices()
{
    MmioDeviceSpec specs[kMaxDevices];
    MmioScan scan = parseMmioDevices(commandLine(), specs);
    if (scan.malformed)
        reportSkipped("command line", "malformed virtio_mmio.device= entry ignored");
    for (size_t i = 0; i < scan.found; ++i)
        attach(specs[i]);
    if (scan.found || scan.malformed)
        return;
    // Highest slot first: microvm fills its transports from the top, as the command line lists them.
    for (size_t slot = kMicrovmWindowCount; slot-- > 0;) {
        u64 base = kMicrovmFirstWindow + slot * kMicrovmWindowSize;
        if (!slotBelongsToPci(base))
            attach({ base, kMicrovmWindowSize, u32(kMicrovmFirstVirtioGsi + slot) });
    }
}

} // namespace
} // namespace keel::virtio

KEEL_INIT(driver, keel::virtio::discoverMmioDevices);
