// GdbSession's mode-aware disassembly and watch expressions.
#include "gdbsession.h"
#include "hmpdisassembly.h"
#include "qmpclient.h"

#include <QEventLoop>
#include <QTimer>

namespace Keel {

namespace {
constexpr quint64 kEferLongModeActive = quint64(1) << 10; // EFER.LMA, Intel SDM vol. 3A §2.2.1
constexpr int kLongestInstruction = 15;
} // namespace

void GdbSession::setMonitor(QmpClient *qmp)
{
    m_monitor = qmp;
}

bool GdbSession::isInLongMode()
{
    const auto efer = evaluate(QStringLiteral("(unsigned long)$efer"));
    return efer && (efer->toULongLong() & kEferLongModeActive);
}

std::optional<QString> GdbSession::humanMonitorCommand(const QString &commandLine)
{
    if (!m_monitor) {
        m_errorString = QStringLiteral("no QEMU monitor to ask (GdbSession::setMonitor was not called)");
        return std::nullopt;
    }
    std::optional<QString> output;
    QEventLoop loop;
    m_monitor->humanMonitorCommand(commandLine, [&](const QString &text, const QString &error) {
        if (error.isEmpty())
            output = text;
        else
            m_errorString = error;
        loop.quit();
    });
    QTimer::singleShot(kDefaultTimeoutMilliseconds, &loop, &QEventLoop::quit);
    loop.exec();
    return output;
}

QList<GdbDisassemblyLine> GdbSession::disassembleAtPc(int count)
{
    if (isInLongMode()) {
        QList<GdbDisassemblyLine> lines
            = disassemble(QStringLiteral("$pc"), QStringLiteral("$pc + %1").arg(count * kLongestInstruction));
        return lines.mid(0, count);
    }
    // gdb would decode 16/32-bit code as 64-bit; QEMU decodes in the CPU's current mode.
    const auto output = humanMonitorCommand(QStringLiteral("x/%1i $pc").arg(count));
    return output ? hmpDisassembly(*output) : QList<GdbDisassemblyLine>();
}

void GdbSession::addWatch(const QString &expression)
{
    if (!m_watchExpressions.contains(expression))
        m_watchExpressions.append(expression);
}

bool GdbSession::removeWatch(const QString &expression)
{
    return m_watchExpressions.removeOne(expression);
}

QList<GdbWatch> GdbSession::watches()
{
    QList<GdbWatch> out;
    for (const QString &expression : std::as_const(m_watchExpressions)) {
        GdbWatch watch{expression, {}, {}};
        const auto result = execute(QStringLiteral("-data-evaluate-expression ") + miQuote(expression));
        if (result && result->className == u"done")
            watch.value = result->results[u"value"].text();
        else
            watch.error = result ? result->results[u"msg"].text() : QStringLiteral("gdb did not answer");
        out.append(watch);
    }
    return out;
}

} // namespace Keel
