// What the ACPI tables say, for apps and drivers built with the `acpi` feature.
//
//     if (auto ecam = keel::acpi::ecam(); ecam.hasValue())
//         keel::println("PCIe ECAM at {:#x}, buses {}-{}", ecam->base, ecam->startBus, ecam->endBus);
//     keel::acpi::powerOff();                 // S5; keel::exit and keel::shutdown use it too
//
// Tables are read once, on first use. A machine without ACPI (microvm without acpi=on) simply has
// none: isPresent() is false and the queries return nothing.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_ACPI
#error "keel/acpi.h needs the acpi feature: add \"acpi\" to [kernel] features in keel.toml"
#endif

#include <acpi/acpitables.h>

namespace keel::acpi {

bool isPresent();

// The first PCI Express ECAM region from the MCFG (q35 has one; pc and microvm do not).
ktl::Optional<EcamRegion> ecam();

// Enters S5 through the FADT's PM1 control registers (or the sleep control register on
// hardware-reduced ACPI, e.g. microvm). Returns only when that did not power the machine off.
void powerOff();

} // namespace keel::acpi
