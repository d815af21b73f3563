// Where a modern virtio PCI device keeps its registers (Virtio 1.2, 4.1.4 "Virtio Structure PCI
// Capabilities"): vendor-specific capabilities (ID 0x09) name a BAR, an offset and a length for
// the common configuration, the notification area, the ISR byte and the device configuration.
// Also the MSI-X capability (PCI Local Bus 3.0, 6.8.2), for the interrupt. Pure decoding over a
// pci::ConfigSpace, so host tests feed it a fake configuration space.
//
//     VirtioPciLayout layout = TRY(readVirtioPciLayout(configSpace, device));
//     u64 common = device.bars[layout.common.bar].address + layout.common.offset;
#pragma once

#include "pci/pciconfigspace.h"

#include <ktl/error.h>

namespace keel::virtio {

inline constexpr u8 kPciCapabilityVendor = 0x09;
inline constexpr u8 kPciCapabilityMsix = 0x11;
inline constexpr u16 kVirtioPciVendor = 0x1af4;
inline constexpr u16 kVirtioPciModernDeviceBase = 0x1040; // 0x1040 + device type
inline constexpr u16 kVirtioPciTransitionalFirst = 0x1000; // 0x1000-0x103f: legacy or transitional

// cfg_type values of struct virtio_pci_cap.
namespace PciCapabilityType {
inline constexpr u8 kCommon = 1;
inline constexpr u8 kNotify = 2;
inline constexpr u8 kIsr = 3;
inline constexpr u8 kDevice = 4;
} // namespace PciCapabilityType

struct PciRegion {
    u8 bar = 0;
    u32 offset = 0;
    u32 length = 0;
    bool present = false;

    u64 addressIn(const pci::Device& device) const { return device.bars[bar].address + offset; }
};

struct VirtioPciLayout {
    PciRegion common;
    PciRegion notify;
    PciRegion isr;
    PciRegion device; // absent for devices without configuration (virtio-rng)
    u32 notifyMultiplier = 0;
};

struct MsixLayout {
    u8 capabilityOffset = 0; // 0: the function has no MSI-X
    u16 tableSize = 0; // entries
    u8 tableBar = 0;
    u32 tableOffset = 0;
};

// The device type a virtio PCI ID stands for: 0x1040 + type for modern-only devices, the
// subsystem ID for transitional ones (0x1000-0x103f); 0 when it is not a virtio ID.
u32 virtioPciDeviceType(const pci::Device& device);

// Decodes the virtio capabilities (the first of each type whose BAR is a present memory BAR
// and which fits inside it). Unsupported when the common, notify or ISR structure is missing -
// a legacy-only device.
ktl::ErrorOr<VirtioPciLayout> readVirtioPciLayout(pci::ConfigSpace& config, const pci::Device& device);

MsixLayout readMsixLayout(pci::ConfigSpace& config, const pci::Device& device);

} // namespace keel::virtio
