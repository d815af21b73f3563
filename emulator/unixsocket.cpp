#include "unixsocket.h"

#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace Keel {

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

UnixSocket::UnixSocket(QObject *parent)
    : QObject(parent)
{
}

UnixSocket::~UnixSocket()
{
    abort();
}

void UnixSocket::connectToServer(const QString &path)
{
    abort();
    const QByteArray encoded = path.toLocal8Bit();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    QString error;
    if (size_t(encoded.size()) >= sizeof(address.sun_path)) {
        error = QStringLiteral("the path is too long for a UNIX socket");
    } else {
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0) {
            adopt(fd);
            emit connected();
            return;
        }
        error = systemError();
        if (fd >= 0)
            ::close(fd);
    }
    // Queued, as a connection attempt is asynchronous to its caller.
    QTimer::singleShot(0, this, [this, error] { emit errorOccurred(error); });
}

void UnixSocket::setSocketDescriptor(int fd)
{
    abort();
    adopt(fd);
}

void UnixSocket::adopt(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    m_fd = fd;
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &UnixSocket::onReadable);
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &UnixSocket::onWritable);
}

QByteArray UnixSocket::readAll()
{
    if (m_fd >= 0)
        readAvailable();
    return std::exchange(m_readBuffer, {});
}

bool UnixSocket::readAvailable()
{
    // Into a stack chunk first: a guest's UART arrives a byte per message, and growing the
    // buffer by a whole chunk for each would allocate 64 KiB per byte.
    char chunk[kReadChunk];
    for (;;) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got > 0) {
            m_readBuffer.append(chunk, got);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

void UnixSocket::onReadable()
{
    const qsizetype before = m_readBuffer.size();
    const bool open = readAvailable();
    if (m_readBuffer.size() > before)
        emit readyRead();
    if (!open && m_fd >= 0)
        closeConnection({});
}

void UnixSocket::write(const QByteArray &bytes)
{
    if (m_fd < 0)
        return;
    m_writeBuffer += bytes;
    sendPending();
}

void UnixSocket::flush()
{
    if (m_fd >= 0)
        sendPending();
}

void UnixSocket::onWritable()
{
    sendPending();
}

void UnixSocket::sendPending()
{
    while (!m_writeBuffer.isEmpty()) {
        const ssize_t sent = ::send(m_fd, m_writeBuffer.constData(), size_t(m_writeBuffer.size()), MSG_NOSIGNAL);
        if (sent > 0) {
            m_writeBuffer.remove(0, sent);
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break; // the peer is slow: the write notifier resumes
        // The peer is gone (EPIPE); its last words may still be unread, so only stop writing.
        m_writeBuffer.clear();
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_writeBuffer.isEmpty());
}

bool UnixSocket::waitForReadyRead(int timeoutMilliseconds)
{
    if (m_fd < 0)
        return false;
    pollfd request{m_fd, POLLIN, 0};
    if (::poll(&request, 1, timeoutMilliseconds) <= 0)
        return false;
    const qsizetype before = m_readBuffer.size();
    const bool open = readAvailable();
    const bool gotData = m_readBuffer.size() > before;
    if (gotData)
        emit readyRead();
    if (!open && m_fd >= 0)
        closeConnection({});
    return gotData;
}

void UnixSocket::closeConnection(const QString &error)
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    ::close(m_fd);
    m_fd = -1;
    m_writeBuffer.clear();
    if (!error.isEmpty())
        emit errorOccurred(error);
    emit disconnected();
}

void UnixSocket::abort()
{
    m_readBuffer.clear();
    if (m_fd < 0)
        return;
    m_readNotifier.reset();
    m_writeNotifier.reset();
    ::close(m_fd);
    m_fd = -1;
    m_writeBuffer.clear();
}

} // namespace Keel
