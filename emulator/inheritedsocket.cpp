#include "inheritedsocket.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Keel {

namespace {

// Descriptors 0–2 are the child's stdio, which QProcess replaces: a socket there (keel started
// with stdin closed, say) would be overwritten in QEMU.
int aboveStdio(int fd)
{
    if (fd > STDERR_FILENO)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    ::close(fd);
    return moved;
}

void closeDescriptor(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

InheritedSocket::~InheritedSocket()
{
    close();
}

bool InheritedSocket::open(QString *error)
{
    close();
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        if (error)
            *error = QStringLiteral("cannot create a socket pair for QEMU: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_ownFd = aboveStdio(fds[0]);
    m_childFd = aboveStdio(fds[1]);
    if (m_ownFd >= 0 && m_childFd >= 0)
        return true;
    if (error)
        *error = QStringLiteral("cannot create a socket pair for QEMU: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    close();
    return false;
}

int InheritedSocket::takeOwnDescriptor()
{
    const int fd = m_ownFd;
    m_ownFd = -1;
    return fd;
}

void InheritedSocket::closeChildEnd()
{
    closeDescriptor(m_childFd);
}

void InheritedSocket::close()
{
    closeDescriptor(m_ownFd);
    closeDescriptor(m_childFd);
}

void InheritedSocket::inherit(int fd)
{
    if (fd >= 0)
        ::fcntl(fd, F_SETFD, 0);
}

} // namespace Keel
