#include "rfbclient.h"

namespace Keel {

RfbClient::RfbClient(QObject *parent)
    : QObject(parent)
{
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(kHandshakeTimeoutMilliseconds);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("the VNC server at %1 did not finish the RFB handshake within %2 s; is it QEMU's -vnc socket?")
                 .arg(m_socketPath).arg(kHandshakeTimeoutMilliseconds / 1000));
    });
    m_typingTimer.setInterval(kTypingIntervalMilliseconds);
    connect(&m_typingTimer, &QTimer::timeout, this, [this] {
        if (m_typingQueue.isEmpty() || m_state != State::Ready)
            return m_typingTimer.stop();
        tapKey(m_typingQueue.takeFirst());
    });
    connect(&m_socket, &UnixSocket::connected, this, &RfbClient::onConnected);
    connect(&m_socket, &UnixSocket::readyRead, this, &RfbClient::onReadyRead);
    connect(&m_socket, &UnixSocket::errorOccurred, this, &RfbClient::onSocketError);
    connect(&m_socket, &UnixSocket::disconnected, this, [this] {
        if (m_state == State::Handshaking || m_state == State::Ready)
            fail(QStringLiteral("the VNC server at %1 closed the connection").arg(m_socketPath));
    });
}

void RfbClient::connectToServer(const QString &socketPath)
{
    m_socketPath = socketPath;
    m_parser = RfbParser();
    m_scancodeKeys = false;
    m_errorString.clear();
    m_state = State::Connecting;
    m_handshakeTimer.start();
    m_socket.connectToServer(socketPath);
}

void RfbClient::disconnectFromServer()
{
    m_handshakeTimer.stop();
    m_state = State::Disconnected;
    m_socket.abort();
}

void RfbClient::onConnected()
{
    m_state = State::Handshaking;
}

void RfbClient::onSocketError(const QString &message)
{
    if (m_state == State::Connecting)
        fail(QStringLiteral("cannot connect to the VNC socket %1: %2 (is the run's display on?)")
                 .arg(m_socketPath, message));
}

void RfbClient::fail(const QString &message)
{
    if (m_state == State::Failed || m_state == State::Disconnected)
        return;
    m_state = State::Failed;
    m_errorString = message;
    m_handshakeTimer.stop();
    m_socket.abort();
    emit errorOccurred(message);
    emit disconnected();
}

void RfbClient::onReadyRead()
{
    const QList<RfbServerMessage> messages = m_parser.feed(m_socket.readAll());
    for (const RfbServerMessage &message : messages) {
        if (m_state == State::Failed || m_state == State::Disconnected)
            return;
        handle(message);
    }
}

void RfbClient::handle(const RfbServerMessage &message)
{
    using Kind = RfbServerMessage::Kind;
    switch (message.kind) {
    case Kind::ProtocolVersion: m_socket.write(RfbEncoder::protocolVersion()); break;
    case Kind::SecurityTypes:
        if (!message.securityTypes.contains(RfbSecurity::kNone))
            return fail(QStringLiteral("the VNC server at %1 wants a password or TLS; Keel's runs use none")
                            .arg(m_socketPath));
        m_socket.write(RfbEncoder::securityType(RfbSecurity::kNone));
        break;
    case Kind::SecurityResult: m_socket.write(RfbEncoder::clientInit(RfbSharing::Shared)); break;
    case Kind::ServerInit: startSession(message); break;
    case Kind::FramebufferUpdate: applyUpdate(message); break;
    case Kind::Bell: emit bell(); break;
    case Kind::ServerCutText: emit serverCutText(QString::fromLatin1(message.cutText)); break;
    case Kind::SetColourMapEntries: break; // true colour only
    case Kind::Error: fail(QStringLiteral("VNC socket %1: %2").arg(m_socketPath, message.errorString)); break;
    }
}

void RfbClient::startSession(const RfbServerMessage &serverInit)
{
    m_handshakeTimer.stop();
    m_desktopName = serverInit.name;
    m_framebuffer.resize(serverInit.width, serverInit.height);
    const RfbPixelFormat format = RfbPixelFormat::rgb32();
    m_socket.write(RfbEncoder::setPixelFormat(format));
    m_parser.setPixelFormat(format);
    m_socket.write(RfbEncoder::setEncodings({RfbEncoding::kRaw, RfbEncoding::kCopyRect, RfbEncoding::kDesktopSize,
                                             RfbEncoding::kQemuExtendedKeyEvent}));
    requestUpdate(RfbUpdate::Full);
    m_state = State::Ready;
    emit ready(m_framebuffer.size());
}

void RfbClient::applyUpdate(const RfbServerMessage &update)
{
    const QSize before = m_framebuffer.size();
    bool resized = false;
    for (const RfbRectangle &rectangle : update.rectangles) {
        if (rectangle.encoding == RfbEncoding::kQemuExtendedKeyEvent)
            m_scancodeKeys = true;
        resized = resized || rectangle.encoding == RfbEncoding::kDesktopSize;
    }
    const QList<QRect> dirty = m_framebuffer.apply(update.rectangles, m_parser.pixelFormat());
    if (resized && m_framebuffer.size() != before)
        emit framebufferResized(m_framebuffer.size());
    // One request in flight: QEMU answers an incremental one only when something changed, so
    // asking again right away paces updates by the guest, not by a timer.
    requestUpdate(resized ? RfbUpdate::Full : RfbUpdate::Incremental);
    if (!dirty.isEmpty())
        emit framebufferUpdated(dirty);
}

void RfbClient::requestUpdate(RfbUpdate update)
{
    m_socket.write(RfbEncoder::framebufferUpdateRequest(update, 0, 0, quint16(m_framebuffer.width()),
                                                        quint16(m_framebuffer.height())));
}

void RfbClient::sendKey(const RfbKey &key, RfbKeyState state)
{
    if (m_state != State::Ready)
        return;
    m_socket.write(m_scancodeKeys ? RfbEncoder::qemuKeyEvent(key.keysym, key.scancode, state)
                                  : RfbEncoder::keyEvent(key.keysym, state));
}

void RfbClient::tapKey(const RfbKey &key)
{
    const bool shifted = key.shift == RfbKey::Shift::Yes;
    if (shifted)
        sendKey(RfbKeyMap::kLeftShift, RfbKeyState::Down);
    sendKey(key, RfbKeyState::Down);
    sendKey(key, RfbKeyState::Up);
    if (shifted)
        sendKey(RfbKeyMap::kLeftShift, RfbKeyState::Up);
}

void RfbClient::typeText(const QString &text)
{
    m_typingQueue += RfbKeyMap::keysForText(text);
    if (!m_typingTimer.isActive())
        m_typingTimer.start();
}

void RfbClient::sendPointer(quint8 buttonMask, int x, int y)
{
    if (m_state != State::Ready)
        return;
    m_socket.write(RfbEncoder::pointerEvent(buttonMask, quint16(qBound(0, x, m_framebuffer.width() - 1)),
                                            quint16(qBound(0, y, m_framebuffer.height() - 1))));
}

} // namespace Keel
