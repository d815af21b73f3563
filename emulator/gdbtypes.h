// Plain values GdbSession reports, each built from the MI result tree of one gdb reply.
#pragma once

#include "mivalue.h"
#include "x86registers.h"

#include <QList>
#include <QString>

namespace Keel {

struct GdbFrame {
    int level = 0;
    quint64 address = 0;
    QString function;
    QString file; // full path when gdb knows it
    int line = 0;

    static GdbFrame fromMi(const MiValue &frame);
};

struct GdbStopEvent {
    QString reason; // breakpoint-hit, end-stepping-range, function-finished, signal-received, … ("" at connect)
    int breakpointNumber = 0;
    QString signalName;
    GdbFrame frame;

    static GdbStopEvent fromMi(const MiValue &results);
};

struct GdbBreakpoint {
    int number = 0;
    QString location; // as asked for ("main", "src/main.cpp:12")
    QString function;
    QString file;
    int line = 0;
    quint64 address = 0;
    bool enabled = true;
    bool temporary = false;
    QString condition;
    int hits = 0;

    static GdbBreakpoint fromMi(const MiValue &bkpt);
};

struct GdbVariable {
    QString name;
    QString type;
    QString value; // empty for aggregates (--simple-values)
    bool isArgument = false;
};

struct GdbRegister {
    int number = 0;
    QString name;
    QString value; // as gdb prints it in hex ("0x246"); vector registers stay gdb's tuples
    X86RegisterGroup group = X86RegisterGroup::Other;
    QStringList flags;   // set bits by name: RFLAGS, CR0, CR3, CR4, EFER (x86registers.h)
    QString description; // CR3's table base, a selector's GDT entry and ring, …

    static GdbRegister decoded(int number, const QString &name, const QString &value);
};

// One watch expression evaluated in the selected frame after a stop.
struct GdbWatch {
    QString expression;
    QString value;
    QString error; // e.g. "No symbol \"x\" in current context." when out of scope
};

struct GdbDisassemblyLine {
    quint64 address = 0;
    QString function;
    int offset = 0;
    QString instruction;
    QString file; // source line this instruction belongs to (mixed mode)
    int line = 0;
};

QList<GdbFrame> gdbFramesFromMi(const MiValue &stack);
QList<GdbVariable> gdbVariablesFromMi(const MiValue &variables);
QList<GdbDisassemblyLine> gdbDisassemblyFromMi(const MiValue &asmInstructions);
// An MI c-string argument: quoted, with backslashes and quotes escaped.
QString miQuote(const QString &text);
// "554889e5" → bytes; empty on malformed input.
QByteArray gdbMemoryFromMi(const MiValue &memory);

} // namespace Keel
