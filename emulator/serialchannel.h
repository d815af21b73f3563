// SerialChannel: the guest's COM1 over a UNIX socket. Delivers output as raw chunks (coalesced,
// bounded by a SerialBuffer) and as timestamped lines, records when the first byte arrived, and
// sends input to the guest.
//
//   auto *serial = new Keel::SerialChannel(spawnClock, this);
//   connect(serial, &Keel::SerialChannel::dataReceived, this, [](const QByteArray &bytes) { … });
//   serial->attach(ownEndOfSocketPair);   // or connectToServer(path) for a listening QEMU
#pragma once

#include "lineassembler.h"
#include "serialbuffer.h"
#include "unixsocket.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Keel {

class SerialChannel : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kDefaultCapacity = 1024 * 1024;
    static constexpr int kDefaultCoalesceMilliseconds = 20;

    // clock: started when QEMU was spawned; timestamps are relative to it.
    explicit SerialChannel(const QElapsedTimer &clock, QObject *parent = nullptr);

    // 0 delivers each read at once (CLI streaming); more coalesces reads for a slow consumer (UI).
    void setCoalesceInterval(int milliseconds);
    void setCapacity(qsizetype bytes);

    void connectToServer(const QString &socketPath);
    // Takes over a socket that is already connected to QEMU (see InheritedSocket).
    void attach(int socketDescriptor);
    bool isConnected() const { return m_socket.isConnected(); }
    // Reads what is still in the socket, delivers it (and a final partial line), then closes.
    void close();
    void send(const QByteArray &bytes);
    // Forgets the previous run's first-byte time and partial line.
    void clear();

    qint64 firstByteNanoseconds() const { return m_firstByteNanoseconds; } // -1 until it came
    qint64 droppedBytes() const { return m_buffer.totalDropped(); }

signals:
    void connected();
    void dataReceived(const QByteArray &bytes);
    void lineReceived(const Keel::SerialLine &line);
    void firstByteReceived(qint64 nanosecondsSinceSpawn);
    void disconnected();

private:
    void onReadyRead();
    void deliver();

    const QElapsedTimer &m_clock;
    UnixSocket m_socket;
    SerialBuffer m_buffer{kDefaultCapacity};
    LineAssembler m_lines;
    QTimer m_coalesceTimer;
    qint64 m_firstByteNanoseconds = -1;
};

} // namespace Keel
