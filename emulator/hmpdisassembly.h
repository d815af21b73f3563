// hmpDisassembly: parses the output of QEMU's human monitor `x/Ni ADDRESS`, which disassembles in
// the mode the CPU is in right now (real, protected or long) — unlike gdb, which is fixed to
// x86-64 once connected to a Keel image. Used for code that runs before the switch to long mode.
//
//   QList<Keel::GdbDisassemblyLine> lines = Keel::hmpDisassembly(hmpOutput);
//   // "0xfffffff0:  ea 5b e0 00 f0   ljmpw $0xf000:$0xe05b" → {0xfffffff0, …, "ljmpw $0xf000:$0xe05b"}
#pragma once

#include "gdbtypes.h"

namespace Keel {

// Stops at the first line that is not an instruction ("unable to read memory", an error).
QList<GdbDisassemblyLine> hmpDisassembly(const QString &output);

} // namespace Keel
