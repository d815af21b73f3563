// Ending the virtual machine.
#pragma once

namespace keel::arch {

// Writes `status` (clamped to 0-127) to QEMU's isa-debug-exit device at port 0xf4 (QEMU then
// exits with (status << 1) | 1); without that device, requests ACPI power-off (S5) through the
// PM1a control port QEMU's pc/q35 use; failing that, stops the CPU for good.
[[noreturn]] void exitMachine(int status);

} // namespace keel::arch
