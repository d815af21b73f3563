#include "gdbsession.h"

#include <QEventLoop>
#include <QFileInfo>

namespace Keel {

namespace {
constexpr int kSocketPollMilliseconds = 20;
constexpr int kSocketPollLimit = 250; // 5 s for QEMU to create the gdbstub socket
} // namespace

GdbSession::GdbSession(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &GdbSession::onReadyRead);
    connect(&m_process, &QProcess::finished, this, &GdbSession::onProcessFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("cannot start %1: %2 — install it with: apt-get install gdb").arg(m_program, m_process.errorString()));
    });
    m_socketPoll.setInterval(kSocketPollMilliseconds);
    connect(&m_socketPoll, &QTimer::timeout, this, &GdbSession::connectToStub);
}

GdbSession::~GdbSession()
{
    m_quitRequested = true;
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void GdbSession::start(const QString &symbolFile, const QString &gdbSocketPath)
{
    m_symbolFile = QFileInfo(symbolFile).absoluteFilePath();
    m_socketPath = gdbSocketPath;
    m_errorString.clear();
    setState(State::Connecting);
    m_process.start(m_program, {QStringLiteral("--interpreter=mi3"), QStringLiteral("-nx"), QStringLiteral("-q")});
    // Before connecting: QEMU's CPU starts in real mode and gdb keeps the first architecture it sees.
    send(QStringLiteral("-gdb-set architecture i386:x86-64"));
    // In a Keel image main() has a real caller (keelKernelMain, from the boot entry): show it.
    send(QStringLiteral("-gdb-set backtrace past-main on"));
    send(QStringLiteral("-file-exec-and-symbols %1").arg(miQuote(m_symbolFile)), [this](const MiRecord &reply) {
        if (reply.className == u"error")
            fail(QStringLiteral("gdb cannot load symbols from %1: %2").arg(m_symbolFile, reply.results[u"msg"].text()));
    });
    m_socketPolls = 0;
    m_socketPoll.start();
}

void GdbSession::connectToStub()
{
    if (m_state != State::Connecting)
        return m_socketPoll.stop();
    if (!QFileInfo::exists(m_socketPath)) {
        if (++m_socketPolls > kSocketPollLimit) {
            m_socketPoll.stop();
            fail(QStringLiteral("QEMU's gdbstub socket %1 did not appear — was QEMU started with a debug stub?").arg(m_socketPath));
        }
        return;
    }
    m_socketPoll.stop();
    send(QStringLiteral("-target-select remote %1").arg(m_socketPath), [this](const MiRecord &reply) {
        if (reply.className != u"connected")
            return fail(QStringLiteral("gdb cannot connect to %1: %2").arg(m_socketPath, reply.results[u"msg"].text()));
        setState(State::Stopped);
        emit connected();
    });
}

qint64 GdbSession::send(const QString &command, ResultHandler handler)
{
    const qint64 token = m_nextToken++;
    m_pending.insert(token, std::move(handler));
    if (m_process.state() == QProcess::NotRunning && m_state != State::Connecting) {
        QTimer::singleShot(0, this, [this, token] {
            MiRecord error;
            error.type = MiRecord::Type::Result;
            error.token = token;
            error.className = QStringLiteral("error");
            error.results.append(QStringLiteral("msg"), MiValue::fromString(QStringLiteral("gdb is not running")));
            if (ResultHandler handler = m_pending.take(token))
                handler(error);
        });
        return token;
    }
    m_process.write(QString::number(token).toUtf8() + command.toUtf8() + '\n');
    return token;
}

std::optional<MiRecord> GdbSession::execute(const QString &command, int timeoutMilliseconds)
{
    std::optional<MiRecord> result;
    QEventLoop loop;
    send(command, [&](const MiRecord &record) {
        result = record;
        loop.quit();
    });
    QTimer::singleShot(timeoutMilliseconds, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    if (result && result->className == u"error")
        m_errorString = result->results[u"msg"].text();
    return result;
}

std::optional<GdbStopEvent> GdbSession::waitForStop(int timeoutMilliseconds)
{
    std::optional<GdbStopEvent> event;
    QEventLoop loop;
    const auto onStop = connect(this, &GdbSession::stopped, &loop, [&](const GdbStopEvent &stop) {
        event = stop;
        loop.quit();
    });
    connect(this, &GdbSession::targetExited, &loop, &QEventLoop::quit);
    connect(this, &GdbSession::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMilliseconds, &loop, &QEventLoop::quit);
    if (m_state == State::Running)
        loop.exec();
    else if (m_state == State::Stopped)
        event = m_lastStop;
    disconnect(onStop);
    return event;
}

bool GdbSession::waitForConnected(int timeoutMilliseconds)
{
    QEventLoop loop;
    connect(this, &GdbSession::connected, &loop, &QEventLoop::quit);
    connect(this, &GdbSession::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMilliseconds, &loop, &QEventLoop::quit);
    if (m_state == State::Connecting)
        loop.exec();
    return m_state == State::Stopped;
}

void GdbSession::onReadyRead()
{
    for (const MiRecord &record : m_parser.feed(m_process.readAllStandardOutput()))
        handleRecord(record);
    // Lines gdb prints outside MI (rare) are not ours to interpret; keep them visible.
    for (const QString &error : m_parser.takeErrors())
        emit consoleOutput(error + u'\n');
}

void GdbSession::handleRecord(const MiRecord &record)
{
    if (record.isStream()) {
        if (record.type == MiRecord::Type::LogStream && record.text.startsWith(u"Remote connection closed")) {
            setState(State::TargetGone);
            emit targetExited(QStringLiteral("QEMU closed the gdbstub connection (the guest exited or QEMU stopped)"));
        }
        emit consoleOutput(record.text);
        return;
    }
    if (record.isAsync())
        return handleAsync(record);
    if (record.type == MiRecord::Type::Result && record.token != MiRecord::kNoToken) {
        if (ResultHandler handler = m_pending.take(record.token))
            handler(record);
    }
}

void GdbSession::handleAsync(const MiRecord &record)
{
    if (record.type != MiRecord::Type::ExecAsync)
        return;
    if (record.className == u"running") {
        setState(State::Running);
        emit running();
    } else if (record.className == u"stopped") {
        m_lastStop = GdbStopEvent::fromMi(record.results);
        if (m_state == State::Connecting)
            return; // the stop gdb reports while connecting; connected() follows
        setState(State::Stopped);
        emit stopped(m_lastStop);
    }
}

void GdbSession::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    onReadyRead();
    for (const MiRecord &record : m_parser.flush())
        handleRecord(record);
    if (!m_quitRequested) {
        const QString how = status == QProcess::CrashExit ? QStringLiteral("crashed or was killed")
                                                          : QStringLiteral("exited with code %1").arg(exitCode);
        fail(QStringLiteral("gdb %1 during the debug session; the VM keeps its state — attach again with keel debug").arg(how));
    }
    failPending(QStringLiteral("gdb is not running"));
    setState(State::Finished);
    emit finished();
}

void GdbSession::failPending(const QString &message)
{
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        MiRecord error;
        error.type = MiRecord::Type::Result;
        error.token = it.key();
        error.className = QStringLiteral("error");
        error.results.append(QStringLiteral("msg"), MiValue::fromString(message));
        if (it.value())
            it.value()(error);
    }
}

void GdbSession::fail(const QString &message)
{
    m_errorString = message;
    emit errorOccurred(message);
    if (m_state == State::Connecting) {
        m_quitRequested = true;
        m_process.kill();
    }
}

void GdbSession::quit()
{
    m_quitRequested = true;
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.write("-gdb-exit\n");
    if (!m_process.waitForFinished(2000))
        m_process.kill();
}

void GdbSession::setState(State state)
{
    m_state = state;
}

} // namespace Keel
