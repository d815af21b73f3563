// Ending the virtual machine.
#pragma once

namespace keel::arch {

// Writes `status` (clamped to 0-127) to QEMU's isa-debug-exit device at port 0xf4 (QEMU then
// exits with (status << 1) | 1); without that device, requests ACPI power-off (S5) through the
// PM1a control port QEMU's pc/q35 use; failing that, stops the CPU for good.
[[noreturn]] void exitMachine(int status);

// A module that knows the machine's real power-off (the acpi module: PM1 control with SLP_TYP from
// \_S5_) installs it here; exitMachine calls it after isa-debug-exit and before the fixed-port
// guesses. It returns only if the power-off did not happen.
using PowerOffHandler = void (*)();
void setPowerOffHandler(PowerOffHandler handler);

} // namespace keel::arch
