#include "mivalue.h"

namespace Keel {

namespace {
const MiValue s_null;
} // namespace

MiValue MiValue::fromString(const QString &text)
{
    MiValue value(Kind::String);
    value.m_text = text;
    return value;
}

qint64 MiValue::toInteger(qint64 fallback) const
{
    bool ok = false;
    const qint64 number = m_text.startsWith(u"0x") ? m_text.mid(2).toLongLong(&ok, 16) : m_text.toLongLong(&ok, 10);
    return ok ? number : fallback;
}

quint64 MiValue::toAddress(quint64 fallback) const
{
    bool ok = false;
    const quint64 number = m_text.toULongLong(&ok, 0);
    return ok ? number : fallback;
}

const MiValue &MiValue::at(int index) const
{
    return index >= 0 && index < m_children.size() ? m_children[index] : s_null;
}

QString MiValue::nameAt(int index) const
{
    return index >= 0 && index < m_names.size() ? m_names[index] : QString();
}

const MiValue &MiValue::operator[](QStringView name) const
{
    const qsizetype index = m_names.indexOf(name);
    return index < 0 ? s_null : m_children[index];
}

bool MiValue::contains(QStringView name) const
{
    return m_names.contains(name);
}

void MiValue::append(const QString &name, MiValue value)
{
    m_names.append(name);
    m_children.append(std::move(value));
}

} // namespace Keel
