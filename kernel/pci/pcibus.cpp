// The pci module's boot step: pick the configuration mechanism (ECAM from the ACPI MCFG when the
// acpi feature finds one, e.g. on q35; legacy ports 0xCF8/0xCFC otherwise), enumerate once at
// KEEL_INIT(driver), keep the devices, and offer each one to the drivers declared with
// KEEL_PCI_DRIVER.
#include "core/init.h"
#include "pci/pciecamconfigspace.h"
#include "pci/pciecamwindow.h"
#include "pci/pcienumerator.h"
#include "pci/pciportconfigspace.h"

#include <keel/config.h>
#if KEEL_FEATURE_ACPI
#include <keel/acpi.h>
#endif

#include <keel/pci.h>
#include <keel/print.h>

extern "C" const keel::pci::Driver __start_keel_pci_drivers[];
extern "C" const keel::pci::Driver __stop_keel_pci_drivers[];

// No driver in the image would leave the section, and with it the start/stop symbols, undefined;
// this empty-named entry keeps them defined and is skipped when offering devices.
KEEL_PCI_DRIVER(s_noDriver, nullptr, keel::pci::Match::device(0, 0), nullptr);

namespace keel::pci {
namespace {

constexpr int kMaxDevices = KEEL_OPTION_PCI_MAX_DEVICES;

constinit PortConfigSpace s_portConfigSpace;
ConfigSpace* s_config = &s_portConfigSpace;
Mechanism s_mechanism = Mechanism::PortIo;
Device s_devices[kMaxDevices];
const Driver* s_owners[kMaxDevices];
size_t s_deviceCount;

void offerToDrivers(size_t index)
{
    const Device& device = s_devices[index];
    for (const Driver* driver = __start_keel_pci_drivers; driver != __stop_keel_pci_drivers;
         ++driver) {
        if (!driver->probe || !driver->match.matches(device))
            continue;
        ktl::ErrorOr<Probe> result = driver->probe(device);
        if (result.isError()) {
            keel::println("pci: {} failed on {:02x}:{:02x}.{}: {}", driver->name,
                device.address.bus, device.address.device, device.address.function, result.error());
        } else if (result.value() == Probe::Claimed) {
            s_owners[index] = driver;
            return;
        }
    }
}

void chooseMechanism()
{
#if KEEL_FEATURE_ACPI
    // Only segment 0 exists for the legacy ports too; a second segment would need its own bus
    // numbering in Address.
    ktl::Optional<acpi::EcamRegion> region = acpi::ecam();
    if (!region || region->segment != 0)
        return;
    // Constructed once, on first boot-time use; lives for the whole run.
    static EcamConfigSpace<EcamWindow> s_ecam {EcamWindow(region->base), region->startBus,
        region->endBus};
    s_config = &s_ecam;
    s_mechanism = Mechanism::Ecam;
#endif
}

void initialisePci()
{
    chooseMechanism();
    Enumerator enumerator(*s_config, ktl::Span<Device>(s_devices));
    int found = enumerator.enumerate();
    s_deviceCount = enumerator.devices().size();
    if (found > kMaxDevices)
        keel::println("pci: found {} functions, kept the first {} (raise pci.max-devices)", found,
            kMaxDevices);
    for (size_t i = 0; i < s_deviceCount; ++i)
        offerToDrivers(i);
}

} // namespace

ktl::Span<const Device> devices()
{
    return {s_devices, s_deviceCount};
}

Mechanism mechanism()
{
    return s_mechanism;
}

const Driver* driverOf(const Device& device)
{
    size_t index = size_t(&device - s_devices);
    return index < s_deviceCount ? s_owners[index] : nullptr;
}

u32 readConfig32(Address address, u8 offset)
{
    return s_config->read32(address, offset);
}

u16 readConfig16(Address address, u8 offset)
{
    return s_config->read16(address, offset);
}

u8 readConfig8(Address address, u8 offset)
{
    return s_config->read8(address, offset);
}

void writeConfig32(Address address, u8 offset, u32 value)
{
    s_config->write32(address, offset, value);
}

void writeConfig16(Address address, u8 offset, u16 value)
{
    s_config->write16(address, offset, value);
}

} // namespace keel::pci

KEEL_INIT(driver, keel::pci::initialisePci);
