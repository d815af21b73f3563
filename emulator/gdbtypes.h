// Plain values GdbSession reports, each built from the MI result tree of one gdb reply.
#pragma once

#include "mivalue.h"

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
    QString value;
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
// "554889e5" → bytes; empty on malformed input.
QByteArray gdbMemoryFromMi(const MiValue &memory);

} // namespace Keel
