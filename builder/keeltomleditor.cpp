#include "keeltomleditor.h"

#include "filewriter.h"
#include "tomllayout.h"

#include <QFile>
#include <toml++/toml.h>

namespace Keel {

namespace {

QString quoted(const QString& text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == '"' || c == '\\')
            out += QLatin1Char('\\') + c;
        else if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\t')
            out += QLatin1String("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

// An array element's text as a plain string: the TOML string unquoted (the common escapes
// undone), anything else as written.
QString elementText(const QString& raw)
{
    if (raw.startsWith(QLatin1Char('\'')))
        return raw.mid(1, raw.size() - 2);
    if (!raw.startsWith(QLatin1Char('"')))
        return raw;
    QString out;
    for (int i = 1; i < raw.size() - 1; ++i) {
        if (raw.at(i) == '\\' && i + 1 < raw.size() - 1)
            ++i;
        out += raw.at(i);
    }
    return out;
}

int lineStartBefore(const QString& text, int pos)
{
    return int(text.lastIndexOf(QLatin1Char('\n'), pos - 1)) + 1;
}

int lineEndAfter(const QString& text, int pos)
{
    const int newline = int(text.indexOf(QLatin1Char('\n'), pos));
    return newline < 0 ? int(text.size()) : newline + 1;
}

bool onlyBlanks(QStringView text)
{
    return text.trimmed().isEmpty();
}

// What may follow an element on its own line: a comma and a comment.
bool onlyCommaAndComment(QStringView text)
{
    QStringView rest = text.trimmed();
    if (rest.startsWith(QLatin1Char(',')))
        rest = rest.mid(1).trimmed();
    return rest.isEmpty() || rest.startsWith(QLatin1Char('#'));
}

struct Edit {
    int start;
    int end;
    QString replacement;
};

QVariant fromNode(const toml::node& node)
{
    if (auto v = node.value<bool>(); v && node.is_boolean())
        return *v;
    if (node.is_integer())
        return qint64(*node.value<int64_t>());
    if (node.is_floating_point())
        return *node.value<double>();
    if (node.is_string())
        return QString::fromStdString(*node.value<std::string>());
    if (const toml::array* array = node.as_array()) {
        QStringList list;
        for (const toml::node& element : *array) {
            if (!element.is_string())
                return {};
            list << QString::fromStdString(*element.value<std::string>());
        }
        return list;
    }
    return {};
}

} // namespace

KeelTomlEditor::KeelTomlEditor(const QString& text)
    : m_text(text)
{
}

std::optional<KeelTomlEditor> KeelTomlEditor::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    KeelTomlEditor editor(QString::fromUtf8(file.readAll()));
    QString why;
    if (!editor.isValid(&why)) {
        *error
            = QStringLiteral("%1:%2; fix the file by hand before changing it here").arg(path, why);
        return std::nullopt;
    }
    return editor;
}

bool KeelTomlEditor::isValid(QString* error) const
{
    try {
        toml::parse(m_text.toStdString());
    } catch (const toml::parse_error& e) {
        if (error)
            *error = QStringLiteral("%1:%2: invalid TOML: %3")
                         .arg(e.source().begin.line)
                         .arg(e.source().begin.column)
                         .arg(QString::fromUtf8(e.description()));
        return false;
    }
    if (!TomlLayout::scan(m_text).isComplete()) {
        if (error)
            *error = QStringLiteral("0:0: a value runs to the end of the file");
        return false;
    }
    return true;
}

bool KeelTomlEditor::save(const QString& path, QString* error) const
{
    QString why;
    if (!isValid(&why)) {
        *error = QStringLiteral("%1:%2 (the edit was not saved; this is a Keel bug, please "
                                "report it with the file)")
                     .arg(path, why);
        return false;
    }
    return FileWriter::writeIfChanged(path, m_text.toUtf8(), error) != FileWriter::Outcome::Failed;
}

bool KeelTomlEditor::hasKey(const QString& section, const QString& key) const
{
    return TomlLayout::scan(m_text).find(section, key) != nullptr;
}

QString KeelTomlEditor::valueText(const QString& section, const QString& key) const
{
    const TomlLayout layout = TomlLayout::scan(m_text);
    const TomlEntry* entry = layout.find(section, key);
    return entry ? m_text.mid(entry->value.start, entry->value.end - entry->value.start)
                 : QString();
}

QVariant KeelTomlEditor::value(const QString& section, const QString& key) const
{
    try {
        const toml::table table = toml::parse(m_text.toStdString());
        const QString path = section.isEmpty() ? key : section + QLatin1Char('.') + key;
        const toml::node_view<const toml::node> node = table.at_path(path.toStdString());
        return node ? fromNode(*node.node()) : QVariant();
    } catch (const toml::parse_error&) {
        return {};
    }
}

QStringList KeelTomlEditor::stringArray(const QString& section, const QString& key) const
{
    return value(section, key).toStringList();
}

QString KeelTomlEditor::formatValue(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return value.toString();
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QMetaType::QStringList: {
        QStringList items;
        for (const QString& item : value.toStringList())
            items << quoted(item);
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    default:
        return quoted(value.toString());
    }
}

void KeelTomlEditor::setValue(const QString& section, const QString& key, const QVariant& value)
{
    const TomlLayout layout = TomlLayout::scan(m_text);
    if (const TomlEntry* entry = layout.find(section, key))
        replaceValue(*entry, formatValue(value));
    else
        insertEntry(section, key, formatValue(value));
}

void KeelTomlEditor::setStringArray(
    const QString& section, const QString& key, const QStringList& values)
{
    const TomlLayout layout = TomlLayout::scan(m_text);
    const TomlEntry* entry = layout.find(section, key);
    if (!entry) {
        insertEntry(section, key, formatValue(values));
        return;
    }
    if (entry->isArray && editArrayInPlace(*entry, values))
        return;
    const QString old = m_text.mid(entry->value.start, entry->value.end - entry->value.start);
    if (!old.contains(QLatin1Char('\n')) || values.isEmpty()) {
        replaceValue(*entry, formatValue(values));
        return;
    }
    QString text = QStringLiteral("[\n");
    for (const QString& item : values)
        text += QStringLiteral("    %1,\n").arg(quoted(item));
    replaceValue(*entry, text + QLatin1Char(']'));
}

bool KeelTomlEditor::removeKey(const QString& section, const QString& key)
{
    const TomlLayout layout = TomlLayout::scan(m_text);
    const TomlEntry* entry = layout.find(section, key);
    if (!entry)
        return false;
    m_text.remove(entry->lineStart, entry->lineEnd - entry->lineStart);
    return true;
}

void KeelTomlEditor::replaceValue(const TomlEntry& entry, const QString& valueText)
{
    m_text.replace(entry.value.start, entry.value.end - entry.value.start, valueText);
}

// Element-wise edit of an array written one element per line: removed elements lose their
// line, new ones go on new lines before the closing bracket, kept lines (and their comments)
// stay. False (and nothing changed) when the array is not laid out that way.
bool KeelTomlEditor::editArrayInPlace(const TomlEntry& entry, const QStringList& values)
{
    const int closing = entry.value.end - 1;
    const int closingLine = lineStartBefore(m_text, closing);
    if (entry.items.isEmpty() || closingLine <= entry.value.start
        || !onlyBlanks(QStringView(m_text).mid(closingLine, closing - closingLine)))
        return false;
    QList<Edit> edits;
    QStringList kept;
    int lastKeptEnd = -1;
    for (const TomlSpan& item : entry.items) {
        const int start = lineStartBefore(m_text, item.start);
        const int end = lineEndAfter(m_text, item.end);
        if (start <= entry.value.start
            || !onlyBlanks(QStringView(m_text).mid(start, item.start - start))
            || !onlyCommaAndComment(QStringView(m_text).mid(item.end, end - item.end)))
            return false;
        const QString text = elementText(m_text.mid(item.start, item.end - item.start));
        if (values.contains(text) && !kept.contains(text)) {
            kept << text;
            lastKeptEnd = item.end;
        } else {
            edits.append({start, end, {}});
        }
    }
    const TomlSpan& first = entry.items.first();
    const int firstLine = lineStartBefore(m_text, first.start);
    const QString indent = m_text.mid(firstLine, first.start - firstLine);
    QString added;
    for (const QString& value : values) {
        if (!kept.contains(value))
            added += indent + quoted(value) + QStringLiteral(",\n");
    }
    if (!added.isEmpty() && lastKeptEnd >= 0 && m_text.at(lastKeptEnd) != ',')
        edits.append({lastKeptEnd, lastKeptEnd, QStringLiteral(",")});
    edits.append({closingLine, closingLine, added});
    std::sort(
        edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.start > b.start; });
    for (const Edit& edit : edits)
        m_text.replace(edit.start, edit.end - edit.start, edit.replacement);
    return true;
}

void KeelTomlEditor::insertEntry(const QString& section, const QString& key, const QString& value)
{
    const QString line = QStringLiteral("%1 = %2\n").arg(key, value);
    const TomlLayout layout = TomlLayout::scan(m_text);
    if (const TomlSection* existing = layout.section(section)) {
        const int at = existing->contentEnd;
        const bool needsNewline = at > 0 && m_text.at(at - 1) != '\n';
        m_text.insert(at, (needsNewline ? QStringLiteral("\n") : QString()) + line);
        return;
    }
    int at = newSectionPosition(section);
    QString block = QStringLiteral("[%1]\n").arg(section) + line;
    if (at >= m_text.size()) {
        if (!m_text.isEmpty() && !m_text.endsWith(QLatin1Char('\n')))
            m_text += QLatin1Char('\n');
        at = int(m_text.size());
    }
    if (at > 0)
        block.prepend(QLatin1Char('\n'));
    m_text.insert(at, block);
}

// A new [a.b] goes right after the last table that belongs to [a] (so [kernel.options] lands
// under [kernel]), otherwise at the end of the file.
int KeelTomlEditor::newSectionPosition(const QString& section) const
{
    const int dot = int(section.lastIndexOf(QLatin1Char('.')));
    if (dot < 0)
        return int(m_text.size());
    const QString parent = section.left(dot);
    int position = -1;
    const TomlLayout layout = TomlLayout::scan(m_text);
    for (const TomlSection& candidate : layout.sections()) {
        if (candidate.name == parent || candidate.name.startsWith(parent + QLatin1Char('.')))
            position = candidate.contentEnd;
    }
    return position < 0 ? int(m_text.size()) : position;
}

} // namespace Keel
