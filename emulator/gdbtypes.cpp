#include "gdbtypes.h"

namespace Keel {

GdbFrame GdbFrame::fromMi(const MiValue &frame)
{
    GdbFrame out;
    out.level = int(frame[u"level"].toInteger(0));
    out.address = frame[u"addr"].toAddress();
    out.function = frame[u"func"].text();
    out.file = frame.contains(u"fullname") ? frame[u"fullname"].text() : frame[u"file"].text();
    out.line = int(frame[u"line"].toInteger(0));
    return out;
}

GdbStopEvent GdbStopEvent::fromMi(const MiValue &results)
{
    GdbStopEvent event;
    event.reason = results[u"reason"].text();
    event.breakpointNumber = int(results[u"bkptno"].toInteger(0));
    event.signalName = results[u"signal-name"].text();
    event.frame = GdbFrame::fromMi(results[u"frame"]);
    return event;
}

GdbBreakpoint GdbBreakpoint::fromMi(const MiValue &bkpt)
{
    GdbBreakpoint out;
    out.number = int(bkpt[u"number"].toInteger(0));
    out.location = bkpt[u"original-location"].text();
    out.function = bkpt[u"func"].text();
    out.file = bkpt.contains(u"fullname") ? bkpt[u"fullname"].text() : bkpt[u"file"].text();
    out.line = int(bkpt[u"line"].toInteger(0));
    out.address = bkpt[u"addr"].toAddress();
    out.enabled = bkpt[u"enabled"].text() != u"n";
    out.temporary = bkpt[u"disp"].text() == u"del";
    out.condition = bkpt[u"cond"].text();
    out.hits = int(bkpt[u"times"].toInteger(0));
    return out;
}

GdbRegister GdbRegister::decoded(int number, const QString &name, const QString &value)
{
    GdbRegister out;
    out.number = number;
    out.name = name;
    out.value = value;
    out.group = x86RegisterGroup(name);
    bool ok = false;
    const quint64 numeric = value.toULongLong(&ok, 0);
    if (ok) {
        out.flags = x86FlagNames(name, numeric);
        out.description = x86RegisterDescription(name, numeric);
    }
    return out;
}

QList<GdbFrame> gdbFramesFromMi(const MiValue &stack)
{
    QList<GdbFrame> frames;
    for (int i = 0; i < stack.size(); ++i)
        frames.append(GdbFrame::fromMi(stack.at(i)));
    return frames;
}

QList<GdbVariable> gdbVariablesFromMi(const MiValue &variables)
{
    QList<GdbVariable> out;
    for (int i = 0; i < variables.size(); ++i) {
        const MiValue &v = variables.at(i);
        out.append({v[u"name"].text(), v[u"type"].text(), v[u"value"].text(), v[u"arg"].text() == u"1"});
    }
    return out;
}

QList<GdbDisassemblyLine> gdbDisassemblyFromMi(const MiValue &asmInstructions)
{
    QList<GdbDisassemblyLine> out;
    auto addInstruction = [&out](const MiValue &insn, const QString &file, int line) {
        out.append({insn[u"address"].toAddress(), insn[u"func-name"].text(), int(insn[u"offset"].toInteger(0)),
                    insn[u"inst"].text(), file, line});
    };
    for (int i = 0; i < asmInstructions.size(); ++i) {
        const MiValue &entry = asmInstructions.at(i);
        if (!entry.contains(u"line_asm_insn")) { // plain mode: the entry is the instruction
            addInstruction(entry, QString(), 0);
            continue;
        }
        const MiValue &instructions = entry[u"line_asm_insn"];
        for (int j = 0; j < instructions.size(); ++j)
            addInstruction(instructions.at(j), entry[u"fullname"].text(), int(entry[u"line"].toInteger(0)));
    }
    return out;
}

QByteArray gdbMemoryFromMi(const MiValue &memory)
{
    QByteArray bytes;
    for (int i = 0; i < memory.size(); ++i)
        bytes += QByteArray::fromHex(memory.at(i)[u"contents"].text().toLatin1());
    return bytes;
}

} // namespace Keel
