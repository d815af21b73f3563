#include "serialbuffer.h"

namespace Keel {

SerialBuffer::SerialBuffer(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity))
{
}

void SerialBuffer::append(QByteArrayView bytes)
{
    const qsizetype room = m_capacity - m_pending.size();
    const qsizetype kept = qMin(room, bytes.size());
    m_pending.append(bytes.first(kept));
    m_dropped += bytes.size() - kept;
    m_totalDropped += bytes.size() - kept;
}

QByteArray SerialBuffer::take()
{
    QByteArray out = std::move(m_pending);
    m_pending = QByteArray();
    if (m_dropped > 0) {
        out += dropMarker(m_dropped);
        m_dropped = 0;
    }
    return out;
}

QByteArray SerialBuffer::dropMarker(qint64 droppedBytes)
{
    // On its own line so it never glues onto a guest line and is easy to spot.
    return QByteArrayLiteral("\n[… ") + QByteArray::number(droppedBytes) + QByteArrayLiteral(" bytes dropped]\n");
}

} // namespace Keel
