#include "serialchannel.h"

namespace Keel {

SerialChannel::SerialChannel(const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_coalesceTimer.setSingleShot(true);
    m_coalesceTimer.setInterval(kDefaultCoalesceMilliseconds);
    connect(&m_coalesceTimer, &QTimer::timeout, this, &SerialChannel::deliver);
    connect(&m_socket, &UnixSocket::connected, this, &SerialChannel::connected);
    connect(&m_socket, &UnixSocket::readyRead, this, &SerialChannel::onReadyRead);
    connect(&m_socket, &UnixSocket::disconnected, this, &SerialChannel::disconnected);
}

void SerialChannel::setCoalesceInterval(int milliseconds)
{
    m_coalesceTimer.setInterval(qMax(0, milliseconds));
}

void SerialChannel::setCapacity(qsizetype bytes)
{
    m_buffer = SerialBuffer(bytes);
}

void SerialChannel::connectToServer(const QString &socketPath)
{
    m_socket.connectToServer(socketPath);
}

void SerialChannel::attach(int socketDescriptor)
{
    m_socket.setSocketDescriptor(socketDescriptor);
}

void SerialChannel::close()
{
    if (m_socket.isConnected()) {
        // QEMU may have written its last bytes just before exiting; they are still in the socket.
        while (m_socket.waitForReadyRead(10))
            onReadyRead();
    }
    if (m_socket.isOpen())
        onReadyRead();
    deliver();
    for (const SerialLine &line : m_lines.flush())
        emit lineReceived(line);
    m_socket.abort();
}

void SerialChannel::clear()
{
    m_firstByteNanoseconds = -1;
    m_lines = LineAssembler();
    m_buffer = SerialBuffer(m_buffer.capacity());
}

void SerialChannel::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

void SerialChannel::onReadyRead()
{
    const QByteArray bytes = m_socket.readAll();
    if (bytes.isEmpty())
        return;
    if (m_firstByteNanoseconds < 0) {
        m_firstByteNanoseconds = m_clock.nsecsElapsed();
        emit firstByteReceived(m_firstByteNanoseconds);
    }
    m_buffer.append(bytes);
    if (m_coalesceTimer.interval() == 0)
        deliver();
    else if (!m_coalesceTimer.isActive())
        m_coalesceTimer.start();
}

void SerialChannel::deliver()
{
    m_coalesceTimer.stop();
    if (m_buffer.isEmpty())
        return;
    const QByteArray bytes = m_buffer.take();
    emit dataReceived(bytes);
    for (const SerialLine &line : m_lines.feed(bytes, m_clock.elapsed()))
        emit lineReceived(line);
}

} // namespace Keel
