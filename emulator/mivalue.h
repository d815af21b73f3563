// MiValue: one node of a GDB/MI result tree — a c-string, a tuple {name=value,…} or a list
// [value,…] / [name=value,…]. Lookups on missing names or indexes give an empty (null) value, so
// callers can chain them: record.results[u"frame"][u"func"].text().
//
//   const Keel::MiValue &frames = record.results[u"stack"];
//   for (int i = 0; i < frames.size(); ++i) qDebug() << frames.at(i)[u"func"].text();
#pragma once

#include <QList>
#include <QString>

namespace Keel {

class MiValue
{
public:
    enum class Kind { Null, String, Tuple, List };

    MiValue() = default;
    explicit MiValue(Kind kind) : m_kind(kind) { }
    static MiValue fromString(const QString &text);

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isString() const { return m_kind == Kind::String; }
    bool isTuple() const { return m_kind == Kind::Tuple; }
    bool isList() const { return m_kind == Kind::List; }

    QString text() const { return m_text; }
    // A string value as a number (decimal or 0x-hex); fallback when it is not one.
    qint64 toInteger(qint64 fallback = -1) const;
    quint64 toAddress(quint64 fallback = 0) const;

    int size() const { return int(m_children.size()); }
    const MiValue &at(int index) const;
    // Name of child `index` ("frame" in [frame={…}]); empty for plain list items.
    QString nameAt(int index) const;
    const MiValue &operator[](QStringView name) const;
    bool contains(QStringView name) const;

    void append(const QString &name, MiValue value);

private:
    Kind m_kind = Kind::Null;
    QString m_text;
    QStringList m_names;
    QList<MiValue> m_children;
};

} // namespace Keel
