// QmpClient: owns the QMP socket. Negotiates capabilities, sends commands tagged with an id and
// routes each reply to its callback, and turns events into signals.
//
//   auto *qmp = new Keel::QmpClient(this);
//   connect(qmp, &Keel::QmpClient::shutdown, this, &Runner::onShutdown);
//   qmp->attach(ownEndOfSocketPair);        // or connectToServer(path) for a listening QEMU
//   qmp->execute(u"query-status"_s, {}, [](const Keel::QmpMessage &reply) { … });
#pragma once

#include "qmpparser.h"
#include "unixsocket.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <functional>

namespace Keel {

class QmpClient : public QObject
{
    Q_OBJECT

public:
    using ReplyHandler = std::function<void(const QmpMessage &reply)>;
    using HumanReplyHandler = std::function<void(const QString &output, const QString &error)>;

    explicit QmpClient(QObject *parent = nullptr);

    void connectToServer(const QString &socketPath);
    // Takes over a socket that is already connected to QEMU (see InheritedSocket) and negotiates
    // at once, without waiting for the greeting: QEMU handles requests in order, so commands
    // issued from then on are sent straight away and run once negotiation is done.
    void attach(int socketDescriptor);
    void disconnectFromServer();
    // Handles whatever QEMU wrote before exiting (e.g. its last SHUTDOWN event).
    void drain();
    bool isReady() const { return m_ready; }
    bool isConnected() const { return m_socket.isConnected(); }

    // Commands issued before negotiation finishes are queued and sent once it has (attach():
    // sent at once, behind the negotiation).
    int execute(const QString &command, const QJsonObject &arguments = {}, ReplyHandler handler = {});
    int humanMonitorCommand(const QString &commandLine, HumanReplyHandler handler);
    void quit();

signals:
    void ready();
    void messageReceived(const Keel::QmpMessage &message);
    void stopped();
    void resumed();
    void reset(const QString &reason);
    // reason: guest-shutdown, guest-reset, host-qmp-quit, host-signal, …
    void shutdown(const QString &reason, bool guestInitiated);
    void guestPanicked(const QJsonObject &info);
    void protocolError(const QString &message);
    void disconnected();

private:
    void onReadyRead();
    void handle(const QmpMessage &message);
    void handleEvent(const QmpMessage &message);
    void send(int id, const QString &command, const QJsonObject &arguments);
    void negotiate();

    struct PendingCommand {
        QString command;
        QJsonObject arguments;
    };

    UnixSocket m_socket;
    QmpParser m_parser;
    bool m_ready = false;
    bool m_negotiationSent = false;
    int m_nextId = 1;
    int m_capabilitiesId = 0;
    QHash<int, ReplyHandler> m_handlers;
    QList<QPair<int, PendingCommand>> m_queued;
};

} // namespace Keel
