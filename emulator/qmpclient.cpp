#include "qmpclient.h"

#include <QJsonDocument>

namespace Keel {

QmpClient::QmpClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &UnixSocket::readyRead, this, &QmpClient::onReadyRead);
    connect(&m_socket, &UnixSocket::disconnected, this, &QmpClient::disconnected);
    connect(&m_socket, &UnixSocket::errorOccurred, this, [this](const QString &message) {
        emit protocolError(QStringLiteral("QMP socket: %1").arg(message));
    });
}

void QmpClient::connectToServer(const QString &socketPath)
{
    m_socket.connectToServer(socketPath);
}

void QmpClient::attach(int socketDescriptor)
{
    m_socket.setSocketDescriptor(socketDescriptor);
    negotiate();
}

void QmpClient::negotiate()
{
    m_capabilitiesId = m_nextId++;
    m_negotiationSent = true;
    send(m_capabilitiesId, QStringLiteral("qmp_capabilities"), {});
}

void QmpClient::drain()
{
    if (m_socket.isConnected()) {
        while (m_socket.waitForReadyRead(10))
            onReadyRead();
    }
    if (m_socket.isOpen()) // never connected when QEMU died before its QMP socket was up
        onReadyRead();
}

void QmpClient::disconnectFromServer()
{
    m_socket.abort();
    m_ready = false;
    m_negotiationSent = false;
}

int QmpClient::execute(const QString &command, const QJsonObject &arguments, ReplyHandler handler)
{
    const int id = m_nextId++;
    if (handler)
        m_handlers.insert(id, std::move(handler));
    if (m_ready || m_negotiationSent)
        send(id, command, arguments);
    else
        m_queued.append({id, PendingCommand{command, arguments}});
    return id;
}

int QmpClient::humanMonitorCommand(const QString &commandLine, HumanReplyHandler handler)
{
    const QJsonObject arguments{{QStringLiteral("command-line"), commandLine}};
    return execute(QStringLiteral("human-monitor-command"), arguments, [handler](const QmpMessage &reply) {
        if (!handler)
            return;
        if (reply.kind == QmpMessage::Kind::Return)
            handler(reply.returnValue.toString(), {});
        else
            handler({}, reply.errorDescription);
    });
}

void QmpClient::quit()
{
    execute(QStringLiteral("quit"));
}

void QmpClient::send(int id, const QString &command, const QJsonObject &arguments)
{
    QJsonObject object{{QStringLiteral("execute"), command}, {QStringLiteral("id"), id}};
    if (!arguments.isEmpty())
        object.insert(QStringLiteral("arguments"), arguments);
    m_socket.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + "\r\n");
}

void QmpClient::onReadyRead()
{
    const QList<QmpMessage> messages = m_parser.feed(m_socket.readAll());
    for (const QmpMessage &message : messages)
        handle(message);
}

void QmpClient::handle(const QmpMessage &message)
{
    emit messageReceived(message);
    switch (message.kind) {
    case QmpMessage::Kind::Greeting:
        if (!m_negotiationSent)
            negotiate();
        return;
    case QmpMessage::Kind::Return:
    case QmpMessage::Kind::Error: {
        const int id = message.id.toInt();
        if (id == m_capabilitiesId && !m_ready) {
            if (message.kind == QmpMessage::Kind::Error) {
                emit protocolError(QStringLiteral("QMP negotiation failed: %1").arg(message.errorDescription));
                return;
            }
            m_ready = true;
            for (const auto &[queuedId, pending] : std::as_const(m_queued))
                send(queuedId, pending.command, pending.arguments);
            m_queued.clear();
            emit ready();
            return;
        }
        if (ReplyHandler handler = m_handlers.take(id))
            handler(message);
        return;
    }
    case QmpMessage::Kind::Event:
        handleEvent(message);
        return;
    case QmpMessage::Kind::Invalid:
        emit protocolError(QStringLiteral("QMP: ignored %1").arg(message.invalidReason));
        return;
    }
}

void QmpClient::handleEvent(const QmpMessage &message)
{
    const QString &name = message.eventName;
    if (name == u"STOP")
        emit stopped();
    else if (name == u"RESUME")
        emit resumed();
    else if (name == u"RESET")
        emit reset(message.eventData.value(QStringLiteral("reason")).toString());
    else if (name == u"SHUTDOWN")
        emit shutdown(message.eventData.value(QStringLiteral("reason")).toString(),
                      message.eventData.value(QStringLiteral("guest")).toBool());
    else if (name == u"GUEST_PANICKED")
        emit guestPanicked(message.eventData.value(QStringLiteral("info")).toObject());
}

} // namespace Keel
