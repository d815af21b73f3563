// x86registers: what the bits of x86-64 system registers mean, for the debugger's register view.
// Pure functions of a register's name and value (Intel SDM vol. 3A §2.3 control registers,
// §2.2.1 EFER, vol. 1 §3.4.3 RFLAGS, §3.4.2 segment selectors).
//
//   Keel::x86FlagNames(u"eflags", 0x246);         // {"PF", "ZF", "IF"}
//   Keel::x86RegisterGroup(u"cr3");               // X86RegisterGroup::Control
//   Keel::x86RegisterDescription(u"cs", 0x08);    // "GDT entry 1, ring 0"
#pragma once

#include <QString>
#include <QStringList>

namespace Keel {

enum class X86RegisterGroup { General, Flags, Control, Segment, Other };

X86RegisterGroup x86RegisterGroup(QStringView name);
// The names of the bits that are set (RFLAGS also gets "IOPL=n"); empty for registers without
// named bits. gdb calls RFLAGS "eflags" even in long mode; both names work.
QStringList x86FlagNames(QStringView name, quint64 value);
// A one-line reading of fields that are not flags: CR3's page-table base, CR2's meaning, a
// segment selector's table, index and privilege level. Empty when there is nothing to add.
QString x86RegisterDescription(QStringView name, quint64 value);

} // namespace Keel
