// InheritedSocket: a connected pair of UNIX stream sockets, one end for Keel and one that QEMU
// inherits as a file descriptor (-chardev socket,id=…,fd=N). The channel is connected before QEMU
// runs, so there is no socket file to wait for or to guard, and no byte QEMU writes is lost.
//
//   Keel::InheritedSocket qmp;
//   if (!qmp.open(&error)) return fail(error);
//   args << u"-chardev"_s << u"socket,id=qmp,fd=%1"_s.arg(qmp.childDescriptor());
//   process.setChildProcessModifier([fd = qmp.childDescriptor()] { InheritedSocket::inherit(fd); });
//   client.attach(qmp.takeOwnDescriptor());
//   process.start(…);
//   qmp.closeChildEnd(); // QEMU has its copy; ours would keep the channel open after QEMU dies
#pragma once

#include <QString>

namespace Keel {

class InheritedSocket
{
public:
    InheritedSocket() = default;
    ~InheritedSocket();
    InheritedSocket(const InheritedSocket &) = delete;
    InheritedSocket &operator=(const InheritedSocket &) = delete;

    // Both ends close on exec until inherit() is called in the child.
    bool open(QString *error);
    int childDescriptor() const { return m_childFd; }
    // Keel's end, for UnixSocket::setSocketDescriptor, which then owns it.
    int takeOwnDescriptor();
    void closeChildEnd();
    void close();

    // In the child, between fork and exec: keep fd open across exec. Async-signal-safe.
    static void inherit(int fd);

private:
    int m_ownFd = -1;
    int m_childFd = -1;
};

} // namespace Keel
