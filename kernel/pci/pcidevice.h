// What Keel knows about one PCI function after enumeration: identity, class, decoded BARs and
// capabilities (PCI Local Bus Specification 3.0, chapter 6 "Configuration Space").
//
//     for (const keel::pci::Device& device : keel::pci::devices())
//         if (device.isClass(0x01, 0x06))            // SATA (AHCI)
//             useAhci(device.bars[5].address);
#pragma once

#include <ktl/types.h>

namespace keel::pci {

// Bus/device/function: where a function sits in configuration space.
struct Address {
    u8 bus = 0;
    u8 device = 0; // 0-31
    u8 function = 0; // 0-7

    bool operator==(const Address&) const = default;
};

enum class BarKind : u8 {
    None, // unimplemented (reads as zero), or the upper half of a 64-bit BAR
    Io, // port IO space
    Memory32,
    Memory64, // takes this BAR and the next
};

// One Base Address Register, decoded and sized.
struct Bar {
    BarKind kind = BarKind::None;
    bool prefetchable = false;
    u64 address = 0; // port number for Io
    u64 size = 0; // bytes (or ports) the device decodes

    bool isPresent() const { return kind != BarKind::None && size != 0; }
};

// A capability in the list that starts at the Capabilities Pointer (offset 0x34).
struct Capability {
    u8 id = 0; // e.g. 0x05 MSI, 0x09 vendor specific (virtio), 0x10 PCI Express, 0x11 MSI-X
    u8 offset = 0; // in configuration space
};

struct Device {
    static constexpr int kBarCount = 6;
    static constexpr int kMaxCapabilities = 12;

    Address address;
    u16 vendorId = 0;
    u16 deviceId = 0;
    u8 classCode = 0;
    u8 subclass = 0;
    u8 progIf = 0;
    u8 revision = 0;
    u8 headerType = 0; // without the multi-function bit: 0 device, 1 PCI-to-PCI bridge
    u8 interruptLine = 0;
    u8 interruptPin = 0; // 0 none, 1-4 INTA#-INTD#
    u16 subsystemVendorId = 0;
    u16 subsystemId = 0;
    Bar bars[kBarCount];
    Capability capabilities[kMaxCapabilities];
    u8 capabilityCount = 0;

    bool isClass(u8 cls, u8 sub) const { return classCode == cls && subclass == sub; }
    bool isBridge() const { return classCode == 0x06 && subclass == 0x04; }

    // The offset of the first capability with `id`, or 0 when there is none.
    u8 findCapability(u8 id) const
    {
        for (int i = 0; i < capabilityCount; ++i) {
            if (capabilities[i].id == id)
                return capabilities[i].offset;
        }
        return 0;
    }
};

} // namespace keel::pci
