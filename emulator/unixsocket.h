// UnixSocket: a non-blocking UNIX stream socket driven by the Qt event loop, for QEMU's QMP and
// serial channels and the VNC display. QtCore only: `keel` then does not load Qt Network and the
// dozen libraries it pulls in (Kerberos, libproxy, brotli), about 0.8 ms of every command's start.
//
//   UnixSocket socket;
//   connect(&socket, &UnixSocket::readyRead, this, [&] { parse(socket.readAll()); });
//   socket.setSocketDescriptor(fd);          // a connected socket (InheritedSocket), or
//   socket.connectToServer(u"/run/…/x.sock"_s); // connected() or errorOccurred() follows
//   socket.write("{…}\r\n");
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace Keel {

class UnixSocket : public QObject
{
    Q_OBJECT

public:
    explicit UnixSocket(QObject *parent = nullptr);
    ~UnixSocket() override;

    // connected() before it returns, or errorOccurred() from the event loop.
    void connectToServer(const QString &path);
    // Takes ownership of an already connected socket.
    void setSocketDescriptor(int fd);
    bool isConnected() const { return m_fd >= 0; }
    // True while connected or while bytes received before the peer closed are still unread.
    bool isOpen() const { return m_fd >= 0 || !m_readBuffer.isEmpty(); }

    QByteArray readAll();
    // Queued and sent as the peer takes it; nothing happens after the connection is gone.
    void write(const QByteArray &bytes);
    void flush();
    // Blocks up to timeoutMilliseconds for more input; true when some was read.
    bool waitForReadyRead(int timeoutMilliseconds);
    // Closes at once, dropping unsent and unread bytes.
    void abort();

signals:
    void connected();
    void readyRead();
    void disconnected();
    void errorOccurred(const QString &message); // why a connection attempt failed

private:
    void adopt(int fd);
    // Reads what the socket holds; false when the peer has closed (or the socket failed).
    bool readAvailable();
    void onReadable();
    void onWritable();
    void sendPending();
    void closeConnection(const QString &error);

    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QByteArray m_readBuffer;
    QByteArray m_writeBuffer;
};

} // namespace Keel
