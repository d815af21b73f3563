// Renders a BuildPlan as build.ninja: one compile edge per unit with gcc depfiles and JSON
// diagnostics per object, the link (twice in debug to embed .keel_symbols), strip in release,
// and optionally the GRUB ISO.
#pragma once

#include "buildplan.h"

#include <QByteArray>

namespace Keel::NinjaWriter {

QByteArray generate(const BuildPlan &plan);

// The awk program that turns `nm -n -S --defined-only` output into the .keel_symbols assembly.
QByteArray symbolTableScript();

} // namespace Keel::NinjaWriter
