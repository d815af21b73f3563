// SerialBuffer: bounded holding area between the serial socket and a consumer that may be slower
// than the guest. Beyond its capacity new bytes are dropped and counted; take() hands out what was
// kept followed by a visible "[… N bytes dropped]" marker, so a flooding guest costs bounded memory
// and the user still sees that output is missing.
//
//   Keel::SerialBuffer buffer(256 * 1024);
//   buffer.append(socket.readAll());
//   emit output(buffer.take());
#pragma once

#include <QByteArray>

namespace Keel {

class SerialBuffer
{
public:
    explicit SerialBuffer(qsizetype capacity);

    void append(QByteArrayView bytes);
    QByteArray take();

    bool isEmpty() const { return m_pending.isEmpty() && m_dropped == 0; }
    qsizetype capacity() const { return m_capacity; }
    qint64 totalDropped() const { return m_totalDropped; }

    static QByteArray dropMarker(qint64 droppedBytes);

private:
    qsizetype m_capacity;
    QByteArray m_pending;
    qint64 m_dropped = 0;
    qint64 m_totalDropped = 0;
};

} // namespace Keel
