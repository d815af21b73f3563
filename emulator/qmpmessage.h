// QmpMessage: one message from QEMU's QMP monitor, classified.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Keel {

struct QmpMessage {
    enum class Kind { Greeting, Return, Error, Event, Invalid };

    Kind kind = Kind::Invalid;
    QJsonObject object;        // the whole message as received
    QJsonValue id;             // Return/Error: the id the command carried
    QJsonValue returnValue;    // Return
    QString errorClass;        // Error: e.g. "CommandNotFound"
    QString errorDescription;  // Error
    QString eventName;         // Event: e.g. "SHUTDOWN"
    QJsonObject eventData;     // Event
    qint64 eventMicroseconds = 0; // Event: QEMU's host timestamp
    QString invalidReason;     // Invalid: what was wrong, with the offending text

    static QmpMessage fromObject(const QJsonObject &object);
    static QmpMessage invalid(const QString &reason);
};

} // namespace Keel
