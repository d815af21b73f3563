// RfbClient: owns the socket to QEMU's VNC server (-vnc unix:<runtime dir>/vnc.sock), keeps an
// up-to-date RfbFramebuffer of the guest screen and sends keys (as scancodes) and the pointer.
// Garbage from the server, a closed socket or a stalled handshake end in errorOccurred(), never
// in a crash or a hang.
//
//   auto *display = new Keel::RfbClient(this);
//   connect(display, &Keel::RfbClient::framebufferUpdated, view, [&](const QList<QRect> &dirty) {
//       view->setImage(Keel::rfbImage(display->framebuffer())); }); // rfbimage.h, needs Qt Gui
//   display->connectToServer(runner->vncSocketPath());
//   display->typeText(u"help\n"_s);
#pragma once

#include "rfbencoder.h"
#include "rfbframebuffer.h"
#include "rfbkeymap.h"
#include "rfbparser.h"
#include "unixsocket.h"

#include <QObject>
#include <QTimer>

namespace Keel {

class RfbClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Handshaking, Ready, Failed };
    Q_ENUM(State)

    static constexpr int kHandshakeTimeoutMilliseconds = 5000;
    // Typed text is paced: a guest polling its PS/2 controller loses keys sent in one burst.
    static constexpr int kTypingIntervalMilliseconds = 20;

    explicit RfbClient(QObject *parent = nullptr);

    void connectToServer(const QString &socketPath);
    void disconnectFromServer();

    State state() const { return m_state; }
    QString errorString() const { return m_errorString; }
    QString desktopName() const { return m_desktopName; }
    const RfbFramebuffer &framebuffer() const { return m_framebuffer; }
    // True once QEMU acknowledged extended key events; before that keys go as keysyms only.
    bool hasScancodeKeys() const { return m_scancodeKeys; }

    void sendKey(const RfbKey &key, RfbKeyState state);
    void tapKey(const RfbKey &key); // press and release, with Shift around it when needed
    void typeText(const QString &text); // asynchronous, paced by kTypingIntervalMilliseconds
    void sendPointer(quint8 buttonMask, int x, int y);

signals:
    void ready(const QSize &size); // handshake done; the first full frame follows
    void framebufferResized(const QSize &size);
    void framebufferUpdated(const QList<QRect> &dirty);
    void bell();
    void serverCutText(const QString &text);
    void errorOccurred(const QString &message);
    void disconnected();

private:
    void onConnected();
    void onReadyRead();
    void onSocketError(const QString &message);
    void handle(const RfbServerMessage &message);
    void startSession(const RfbServerMessage &serverInit);
    void applyUpdate(const RfbServerMessage &update);
    void requestUpdate(RfbUpdate update);
    void fail(const QString &message);

    UnixSocket m_socket;
    RfbParser m_parser;
    RfbFramebuffer m_framebuffer;
    QTimer m_handshakeTimer;
    QTimer m_typingTimer;
    QList<RfbKey> m_typingQueue;
    State m_state = State::Disconnected;
    QString m_socketPath;
    QString m_errorString;
    QString m_desktopName;
    bool m_scancodeKeys = false;
};

} // namespace Keel
