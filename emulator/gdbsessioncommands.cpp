// GdbSession's breakpoint, run-control and inspection commands (the MI command table).
#include "gdbsession.h"

namespace Keel {

QString miQuote(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + out + u'"';
}

bool GdbSession::succeeded(const QString &command)
{
    const auto result = execute(command);
    return result && result->className != u"error";
}

std::optional<GdbBreakpoint> GdbSession::insertBreakpoint(const QString &location, const QString &condition, BreakpointKind kind)
{
    QString command = QStringLiteral("-break-insert");
    if (kind == BreakpointKind::Temporary)
        command += QStringLiteral(" -t");
    if (!condition.isEmpty())
        command += QStringLiteral(" -c ") + miQuote(condition);
    const auto result = execute(command + u' ' + miQuote(location));
    if (!result || result->className != u"done")
        return std::nullopt;
    return GdbBreakpoint::fromMi(result->results[u"bkpt"]);
}

bool GdbSession::breakpointExists(int number)
{
    const auto result = execute(QStringLiteral("-break-info %1").arg(number));
    if (!result || result->className != u"done")
        return false;
    if (result->results[u"BreakpointTable"][u"nr_rows"].toInteger(0) > 0)
        return true;
    m_errorString = QStringLiteral("there is no breakpoint %1 (deleted already?)").arg(number);
    return false;
}

bool GdbSession::deleteBreakpoint(int number)
{
    return breakpointExists(number) && succeeded(QStringLiteral("-break-delete %1").arg(number));
}

bool GdbSession::setBreakpointEnabled(int number, Enablement enablement)
{
    const auto command = enablement == Enablement::Enabled ? u"-break-enable" : u"-break-disable";
    return breakpointExists(number) && succeeded(QStringLiteral("%1 %2").arg(command).arg(number));
}

bool GdbSession::setBreakpointCondition(int number, const QString &condition)
{
    return breakpointExists(number) && succeeded(QStringLiteral("-break-condition %1 %2").arg(number).arg(condition));
}

// A resume is Running from the moment it is sent: gdb's *running record comes later, and a
// waitForStop() in between must wait for the NEXT stop, not return the one that came before.
void GdbSession::resume(const QString &command)
{
    if (m_state == State::Stopped)
        setState(State::Running);
    send(command, [this](const MiRecord &reply) {
        if (reply.className != u"error" || m_state != State::Running)
            return;
        m_errorString = reply.results[u"msg"].text();
        setState(State::Stopped);
        emit stopped(m_lastStop);
    });
}

void GdbSession::continueExecution() { resume(QStringLiteral("-exec-continue")); }
void GdbSession::interrupt() { send(QStringLiteral("-exec-interrupt")); }
void GdbSession::step() { resume(QStringLiteral("-exec-step")); }
void GdbSession::next() { resume(QStringLiteral("-exec-next")); }
void GdbSession::finish() { resume(QStringLiteral("-exec-finish")); }
void GdbSession::stepInstruction() { resume(QStringLiteral("-exec-step-instruction")); }

bool GdbSession::runToLocation(const QString &location)
{
    if (!insertBreakpoint(location, {}, BreakpointKind::Temporary))
        return false;
    continueExecution();
    return true;
}

QList<GdbRegister> GdbSession::registers()
{
    if (m_registerNames.isEmpty()) {
        const auto names = execute(QStringLiteral("-data-list-register-names"));
        if (!names)
            return {};
        const MiValue &list = names->results[u"register-names"];
        for (int i = 0; i < list.size(); ++i)
            m_registerNames.append(list.at(i).text());
    }
    const auto values = execute(QStringLiteral("-data-list-register-values --skip-unavailable x"));
    QList<GdbRegister> out;
    if (!values)
        return out;
    const MiValue &list = values->results[u"register-values"];
    for (int i = 0; i < list.size(); ++i) {
        const int number = int(list.at(i)[u"number"].toInteger());
        const QString name = m_registerNames.value(number);
        if (!name.isEmpty()) // gdb's numbering has unnamed holes
            out.append(GdbRegister::decoded(number, name, list.at(i)[u"value"].text()));
    }
    return out;
}

QList<int> GdbSession::changedRegisters()
{
    const auto result = execute(QStringLiteral("-data-list-changed-registers"));
    QList<int> out;
    if (!result)
        return out;
    const MiValue &list = result->results[u"changed-registers"];
    for (int i = 0; i < list.size(); ++i)
        out.append(int(list.at(i).toInteger()));
    return out;
}

QList<GdbFrame> GdbSession::stack()
{
    const auto result = execute(QStringLiteral("-stack-list-frames"));
    return result ? gdbFramesFromMi(result->results[u"stack"]) : QList<GdbFrame>();
}

QList<GdbVariable> GdbSession::locals()
{
    const auto result = execute(QStringLiteral("-stack-list-variables --simple-values"));
    return result ? gdbVariablesFromMi(result->results[u"variables"]) : QList<GdbVariable>();
}

std::optional<QString> GdbSession::evaluate(const QString &expression)
{
    const auto result = execute(QStringLiteral("-data-evaluate-expression ") + miQuote(expression));
    if (!result || result->className != u"done")
        return std::nullopt;
    return result->results[u"value"].text();
}

std::optional<QByteArray> GdbSession::readMemory(const QString &addressExpression, int size)
{
    const auto result = execute(QStringLiteral("-data-read-memory-bytes %1 %2").arg(miQuote(addressExpression)).arg(size));
    if (!result || result->className != u"done")
        return std::nullopt;
    return gdbMemoryFromMi(result->results[u"memory"]);
}

QList<GdbDisassemblyLine> GdbSession::disassemble(const QString &startExpression, const QString &endExpression)
{
    // Mode 5: source lines mixed in, with raw opcodes.
    const auto result = execute(QStringLiteral("-data-disassemble -s %1 -e %2 -- 5").arg(miQuote(startExpression), miQuote(endExpression)));
    return result ? gdbDisassemblyFromMi(result->results[u"asm_insns"]) : QList<GdbDisassemblyLine>();
}

bool GdbSession::detach()
{
    const auto result = execute(QStringLiteral("-target-detach"));
    if (!result)
        return false;
    // QEMU's gdbstub may close the connection as soon as it has taken the detach, and under load
    // gdb's own acknowledgement then meets a broken pipe: the target is let go all the same.
    const bool detached = result->className != u"error"
        || result->results[u"msg"].text().contains(QLatin1String("Target disconnected"));
    if (detached)
        setState(State::TargetGone);
    return detached;
}

} // namespace Keel
