// Virtio over PCI in the image: a KEEL_PCI_DRIVER for vendor 0x1af4 that decodes the virtio
// capabilities, maps the BAR regions with arch::mapMmio, turns on memory decoding and bus
// mastering, and hands the device to the virtio bus. Interrupts: MSI-X entry 0 pointing at a
// vector from interrupts::allocateVector, when the interrupts feature is on; polling otherwise.
#include <keel/config.h>

#if KEEL_FEATURE_PCI

#include "arch/x86_64/mmio.h"
#include "arch/x86_64/paging.h"
#include "virtio/pcicapabilities.h"
#include "virtio/pcitransport.h"
#include "virtio/virtiobus.h"

#include <keel/pci.h>
#include <ktl/format.h>

#if KEEL_FEATURE_INTERRUPTS
#include "interrupts/controller.h"
#include <keel/interrupts.h>
#endif

namespace keel::virtio {
namespace {

using KernelPciTransport = PciTransport<mmio::MmioWindow>;
static_assert(sizeof(KernelPciTransport) <= sizeof(TransportStorage));

constexpr u16 kCommandInterruptDisable = 0x400;
constexpr u16 kMsixEnable = 0x8000;
constexpr u16 kMsixFunctionMask = 0x4000;
constexpr u64 kMsiAddressBase = 0xfee00000;

// The pci module's configuration access, seen through the ConfigSpace interface the capability
// decoder is written against.
class PublicConfigSpace final : public pci::ConfigSpace {
public:
    u32 read32(pci::Address address, u8 offset) override { return pci::readConfig32(address, offset); }
    void write32(pci::Address address, u8 offset, u32 value) override { pci::writeConfig32(address, offset, value); }
    void write16(pci::Address address, u8 offset, u16 value) override { pci::writeConfig16(address, offset, value); }
};

#if KEEL_FEATURE_INTERRUPTS
struct MsixTarget {
    const pci::Device* device;
    MsixLayout layout;
};
MsixTarget s_msix[kMaxDevices];
size_t s_msixCount;
#endif

ktl::ErrorOr<mmio::MmioWindow> mapRegion(const pci::Device& device, const PciRegion& region)
{
    if (!region.present)
        return mmio::MmioWindow();
    u64 address = region.addressIn(device);
    TRY(arch::mapMmio(address, region.length));
    return mmio::MmioWindow(address);
}

#if KEEL_FEATURE_INTERRUPTS
// Programs MSI-X table entry 0 (PCI Local Bus 3.0, 6.8.2.6-8): message address with the boot
// CPU's APIC ID, data = the vector; then enables MSI-X with INTx off.
bool connectMsix(void* cookie, void (*handler)(void*), void* context)
{
    auto* target = static_cast<MsixTarget*>(cookie);
    auto* apic = interrupts::localApic();
    if (target->layout.capabilityOffset == 0 || !apic)
        return false;
    u64 table = target->device->bars[target->layout.tableBar].address + target->layout.tableOffset;
    if (arch::mapMmio(table, 16).isError())
        return false;
    auto vector = interrupts::allocateVector(handler, context);
    if (vector.isError())
        return false;
    mmio::MmioWindow entry(table);
    entry.write32(0, u32(kMsiAddressBase | (u64(apic->id()) << 12)));
    entry.write32(4, 0);
    entry.write32(8, vector.value());
    entry.write32(12, 0); // unmasked
    pci::Address address = target->device->address;
    u16 command = pci::readConfig16(address, pci::ConfigRegister::kCommand);
    pci::writeConfig16(address, pci::ConfigRegister::kCommand, command | kCommandInterruptDisable);
    u8 control = u8(target->layout.capabilityOffset + 2);
    u16 value = pci::readConfig16(address, control);
    pci::writeConfig16(address, control, u16((value | kMsixEnable) & ~kMsixFunctionMask));
    return true;
}
#endif

ktl::ErrorOr<void> attach(const pci::Device& device, u32 type, TransportStorage& storage)
{
    PublicConfigSpace config;
    VirtioPciLayout layout = TRY(readVirtioPciLayout(config, device));
    PciWindows<mmio::MmioWindow> windows;
    windows.common = TRY(mapRegion(device, layout.common));
    windows.notify = TRY(mapRegion(device, layout.notify));
    windows.isr = TRY(mapRegion(device, layout.isr));
    windows.device = TRY(mapRegion(device, layout.device));
    windows.notifyMultiplier = layout.notifyMultiplier;
    u16 command = pci::readConfig16(device.address, pci::ConfigRegister::kCommand);
    pci::writeConfig16(device.address, pci::ConfigRegister::kCommand,
        command | pci::Command::kMemorySpace | pci::Command::kBusMaster);
    auto* transport = new (storage.bytes) KernelPciTransport(windows, type);
#if KEEL_FEATURE_INTERRUPTS
    MsixTarget& msix = s_msix[s_msixCount++];
    msix = { &device, readMsixLayout(config, device) };
    transport->setIrqConnector(connectMsix, &msix);
#endif
    char where[16];
    size_t length = ktl::formatToBuffer(where, "pci {:02x}:{:02x}.{}", device.address.bus,
        device.address.device, device.address.function);
    addDevice(*transport, ktl::StringView(where, length < sizeof(where) ? length : sizeof(where) - 1));
    return {};
}

ktl::ErrorOr<pci::Probe> probeVirtioPci(const pci::Device& device)
{
    u32 type = virtioPciDeviceType(device);
    if (type == 0)
        return pci::Probe::NotMine;
    TransportStorage* storage = reserveTransport();
    if (!storage)
        return ktl::Error(ktl::ErrorCode::TooMany, "more virtio devices than virtio.max-devices");
    TRY(attach(device, type, *storage));
    return pci::Probe::Claimed;
}

} // namespace
} // namespace keel::virtio

KEEL_PCI_DRIVER(s_virtioPciDriver, "virtio",
    (keel::pci::Match { keel::virtio::kVirtioPciVendor, keel::pci::Match::kAny, keel::pci::Match::kAny,
        keel::pci::Match::kAny }),
    keel::virtio::probeVirtioPci);

#endif
