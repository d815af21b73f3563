// PCI devices, for apps and drivers built with the `pci` feature.
//
//     for (const keel::pci::Device& device : keel::pci::devices())
//         keel::println("{:02x}:{:02x}.{} {:04x}:{:04x} {}", device.address.bus,
//             device.address.device, device.address.function, device.vendorId, device.deviceId,
//             keel::pci::className(device));
//
// A driver declares itself once; the pci module offers it every matching function at
// KEEL_INIT(driver, ...), and probe() says whether it took the device:
//
//     static ktl::ErrorOr<keel::pci::Probe> probeRng(const keel::pci::Device& device)
//     {
//         if (device.revision < 1)
//             return keel::pci::Probe::NotMine;   // legacy virtio, not ours
//         TRY(setUp(device));
//         return keel::pci::Probe::Claimed;
//     }
//     KEEL_PCI_DRIVER(s_rngDriver, "virtio-rng", keel::pci::Match::device(0x1af4, 0x1044),
//     probeRng);
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_PCI
#error "keel/pci.h needs the pci feature: add \"pci\" to [kernel] features in keel.toml"
#endif

#include <pci/pcidevice.h>

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel::pci {

// Which functions a driver wants to see. kAny is a wildcard for any field.
struct Match {
    static constexpr u32 kAny = 0xffffffff;

    u32 vendorId = kAny;
    u32 deviceId = kAny;
    u32 classCode = kAny;
    u32 subclass = kAny;

    static constexpr Match device(u16 vendor, u16 device) { return {vendor, device, kAny, kAny}; }
    static constexpr Match deviceClass(u8 cls, u8 sub) { return {kAny, kAny, cls, sub}; }

    constexpr bool matches(const Device& d) const
    {
        return (vendorId == kAny || vendorId == d.vendorId)
            && (deviceId == kAny || deviceId == d.deviceId)
            && (classCode == kAny || classCode == d.classCode)
            && (subclass == kAny || subclass == d.subclass);
    }
};

// A driver's answer to "is this device yours?". Errors (ErrorOr) are reported and the device
// stays unclaimed.
enum class Probe { Claimed, NotMine };

struct Driver {
    const char* name;
    Match match;
    ktl::ErrorOr<Probe> (*probe)(const Device& device);
};

// How configuration space is reached: PCI Express ECAM (memory-mapped, from the ACPI MCFG; needs
// the acpi feature and a machine that has it, e.g. q35) or the legacy ports 0xCF8/0xCFC.
enum class Mechanism { PortIo, Ecam };
Mechanism mechanism();

// Every function found at boot, in bus order.
ktl::Span<const Device> devices();

// The driver that claimed `device`, or nullptr.
const Driver* driverOf(const Device& device);

// "VGA controller", "Ethernet controller", ... or "Unknown class" for codes Keel has no name for.
const char* className(const Device& device);

// Configuration space of one function, for drivers (offsets dword-aligned for 32-bit access).
u32 readConfig32(Address address, u8 offset);
u16 readConfig16(Address address, u8 offset);
u8 readConfig8(Address address, u8 offset);
void writeConfig32(Address address, u8 offset, u32 value);
void writeConfig16(Address address, u8 offset, u16 value);

} // namespace keel::pci

// Places `variable` in section keel_pci_drivers; the linker's __start_/__stop_keel_pci_drivers
// bound the array, so nothing central lists drivers. `retain` keeps it through --gc-sections.
#define KEEL_PCI_DRIVER(variable, name, match, probe)                                              \
    [[gnu::used, gnu::retain, gnu::aligned(8),                                                     \
        gnu::section("keel_pci_drivers")]] constinit const ::keel::pci::Driver variable            \
        = {name, match, probe}
