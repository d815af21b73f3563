#include "optionvalue.h"

#include "sizestring.h"

namespace Keel::OptionValue {

namespace {

std::optional<qint64> toInteger(const ModuleOption &option, const QVariant &raw, QString *error)
{
    if (raw.typeId() == QMetaType::LongLong || raw.typeId() == QMetaType::Int)
        return raw.toLongLong();
    if (option.type == OptionType::Size && raw.typeId() == QMetaType::QString) {
        const auto bytes = SizeString::parse(raw.toString(), error);
        if (!bytes)
            return std::nullopt;
        return qint64(*bytes);
    }
    *error = QStringLiteral("expected %1").arg(describeAccepted(option));
    return std::nullopt;
}

QString formatNumber(OptionType type, qint64 value)
{
    return type == OptionType::Size ? SizeString::format(quint64(value)) : QString::number(value);
}

} // namespace

QString describeAccepted(const ModuleOption &option)
{
    switch (option.type) {
    case OptionType::Bool:
        return QStringLiteral("true or false");
    case OptionType::String:
        return QStringLiteral("a string in quotes");
    case OptionType::Choice:
        return QStringLiteral("one of \"%1\"").arg(option.choices.join(QLatin1String("\", \"")));
    case OptionType::Int:
    case OptionType::Size: {
        QString text = option.type == OptionType::Int
            ? QStringLiteral("an integer")
            : QStringLiteral("a size such as \"64K\" or \"1M\"");
        if (option.min && option.max)
            text += QStringLiteral(" from %1 to %2").arg(formatNumber(option.type, *option.min),
                                                         formatNumber(option.type, *option.max));
        else if (option.min)
            text += QStringLiteral(" of at least %1").arg(formatNumber(option.type, *option.min));
        else if (option.max)
            text += QStringLiteral(" of at most %1").arg(formatNumber(option.type, *option.max));
        return text;
    }
    }
    return {};
}

std::optional<QVariant> convert(const ModuleOption &option, const QVariant &raw, QString *error)
{
    QString why;
    switch (option.type) {
    case OptionType::Bool:
        if (raw.typeId() == QMetaType::Bool)
            return raw;
        break;
    case OptionType::String:
        if (raw.typeId() == QMetaType::QString)
            return raw;
        break;
    case OptionType::Choice:
        if (raw.typeId() == QMetaType::QString && option.choices.contains(raw.toString()))
            return raw;
        break;
    case OptionType::Int:
    case OptionType::Size: {
        const auto number = toInteger(option, raw, &why);
        if (!number)
            break;
        const bool inRange = (!option.min || *number >= *option.min)
                             && (!option.max || *number <= *option.max);
        if (inRange)
            return QVariant(*number);
        why = QStringLiteral("%1 is out of range; expected %2")
                  .arg(formatNumber(option.type, *number), describeAccepted(option));
        break;
    }
    }
    if (error)
        *error = why.isEmpty() ? QStringLiteral("expected %1").arg(describeAccepted(option)) : why;
    return std::nullopt;
}

QString toMacroValue(OptionType type, const QVariant &value)
{
    switch (type) {
    case OptionType::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case OptionType::Int:
    case OptionType::Size:
        return QString::number(value.toLongLong());
    case OptionType::String:
    case OptionType::Choice: {
        QString escaped;
        for (const QChar c : value.toString()) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                escaped += QLatin1Char('\\');
            if (c == QLatin1Char('\n'))
                escaped += QLatin1String("\\n");
            else
                escaped += c;
        }
        return QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    }
    return {};
}

} // namespace Keel::OptionValue
