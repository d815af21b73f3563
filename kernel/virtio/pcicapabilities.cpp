// Decoding of virtio PCI capabilities and the MSI-X capability (see pcicapabilities.h).
#include "virtio/pcicapabilities.h"

namespace keel::virtio {
namespace {

// Offsets inside struct virtio_pci_cap.
constexpr u8 kCapType = 3;
constexpr u8 kCapBar = 4;
constexpr u8 kCapOffset = 8;
constexpr u8 kCapLength = 12;
constexpr u8 kNotifyMultiplier = 16; // struct virtio_pci_notify_cap only
constexpr u8 kMinimumCapLength = 16;

// Offsets inside the MSI-X capability.
constexpr u8 kMsixControl = 2;
constexpr u8 kMsixTable = 4;

bool fitsInBar(const pci::Device& device, u8 bar, u32 offset, u32 length)
{
    if (bar >= pci::Device::kBarCount)
        return false;
    const pci::Bar& b = device.bars[bar];
    bool isMemory = b.kind == pci::BarKind::Memory32 || b.kind == pci::BarKind::Memory64;
    return isMemory && b.isPresent() && b.address != 0 && u64(offset) + length <= b.size;
}

PciRegion* regionFor(VirtioPciLayout& layout, u8 type)
{
    switch (type) {
    case PciCapabilityType::kCommon: return &layout.common;
    case PciCapabilityType::kNotify: return &layout.notify;
    case PciCapabilityType::kIsr: return &layout.isr;
    case PciCapabilityType::kDevice: return &layout.device;
    default: return nullptr;
    }
}

void readOne(pci::ConfigSpace& config, const pci::Device& device, u8 at, VirtioPciLayout& layout)
{
    if (config.read8(device.address, u8(at + 2)) < kMinimumCapLength)
        return;
    PciRegion* region = regionFor(layout, config.read8(device.address, u8(at + kCapType)));
    if (!region || region->present)
        return;
    u8 bar = config.read8(device.address, u8(at + kCapBar));
    u32 offset = config.read32(device.address, u8(at + kCapOffset));
    u32 length = config.read32(device.address, u8(at + kCapLength));
    if (!fitsInBar(device, bar, offset, length))
        return;
    *region = PciRegion { bar, offset, length, true };
    if (region == &layout.notify)
        layout.notifyMultiplier = config.read32(device.address, u8(at + kNotifyMultiplier));
}

} // namespace

u32 virtioPciDeviceType(const pci::Device& device)
{
    if (device.vendorId != kVirtioPciVendor)
        return 0;
    if (device.deviceId >= kVirtioPciModernDeviceBase && device.deviceId <= 0x107f)
        return u32(device.deviceId - kVirtioPciModernDeviceBase);
    if (device.deviceId >= kVirtioPciTransitionalFirst && device.deviceId < kVirtioPciModernDeviceBase)
        return device.subsystemId;
    return 0;
}

ktl::ErrorOr<VirtioPciLayout> readVirtioPciLayout(pci::ConfigSpace& config, const pci::Device& device)
{
    VirtioPciLayout layout;
    for (int i = 0; i < device.capabilityCount; ++i) {
        if (device.capabilities[i].id == kPciCapabilityVendor)
            readOne(config, device, device.capabilities[i].offset, layout);
    }
    if (!layout.common.present || !layout.notify.present || !layout.isr.present)
        return ktl::Error(ktl::ErrorCode::Unsupported,
            "legacy-only virtio device (no modern common/notify/ISR capabilities)");
    return layout;
}

MsixLayout readMsixLayout(pci::ConfigSpace& config, const pci::Device& device)
{
    MsixLayout msix;
    u8 at = device.findCapability(kPciCapabilityMsix);
    if (at == 0)
        return msix;
    u32 table = config.read32(device.address, u8(at + kMsixTable));
    msix.tableBar = u8(table & 7);
    msix.tableOffset = table & ~7u;
    msix.tableSize = u16((config.read16(device.address, u8(at + kMsixControl)) & 0x7ff) + 1);
    if (!fitsInBar(device, msix.tableBar, msix.tableOffset, msix.tableSize * 16u))
        return MsixLayout {};
    msix.capabilityOffset = at;
    return msix;
}

} // namespace keel::virtio
