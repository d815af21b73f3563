// Kernel-internal ACPI queries for modules that use the tables (interrupts reads the MADT).
//
//     if (const keel::acpi::MadtInfo* madt = keel::acpi::madt()) route(madt->overrides);
#pragma once

#include "acpi/acpitables.h"

namespace keel::acpi {

// The decoded MADT, or nullptr when there is no (valid) one. Parses the tables on first use.
const MadtInfo* madt();

} // namespace keel::acpi
