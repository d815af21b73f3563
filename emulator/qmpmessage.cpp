#include "qmpmessage.h"

namespace Keel {

QmpMessage QmpMessage::fromObject(const QJsonObject &object)
{
    QmpMessage message;
    message.object = object;
    message.id = object.value(QStringLiteral("id"));
    if (object.contains(QStringLiteral("QMP"))) {
        message.kind = Kind::Greeting;
    } else if (object.contains(QStringLiteral("return"))) {
        message.kind = Kind::Return;
        message.returnValue = object.value(QStringLiteral("return"));
    } else if (object.value(QStringLiteral("error")).isObject()) {
        const QJsonObject error = object.value(QStringLiteral("error")).toObject();
        message.kind = Kind::Error;
        message.errorClass = error.value(QStringLiteral("class")).toString();
        message.errorDescription = error.value(QStringLiteral("desc")).toString();
    } else if (object.value(QStringLiteral("event")).isString()) {
        message.kind = Kind::Event;
        message.eventName = object.value(QStringLiteral("event")).toString();
        message.eventData = object.value(QStringLiteral("data")).toObject();
        const QJsonObject stamp = object.value(QStringLiteral("timestamp")).toObject();
        message.eventMicroseconds = qint64(stamp.value(QStringLiteral("seconds")).toDouble()) * 1000000
            + qint64(stamp.value(QStringLiteral("microseconds")).toDouble());
    } else {
        message.invalidReason = QStringLiteral("a JSON object that is not a QMP greeting, return, error or event");
    }
    return message;
}

QmpMessage QmpMessage::invalid(const QString &reason)
{
    QmpMessage message;
    message.invalidReason = reason;
    return message;
}

} // namespace Keel
