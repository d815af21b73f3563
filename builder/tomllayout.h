// Where things are in a TOML text: every table header and every `key = value` entry with the
// character offsets of its line and of its value (and of each element of an array value).
// It is a layout scanner, not a parser: KeelTomlEditor uses it to replace just the value text
// and leave everything else byte-identical; toml++ still decides whether the text is valid.
//
//   const Keel::TomlLayout layout = Keel::TomlLayout::scan(text);
//   if (const Keel::TomlEntry* memory = layout.find("run", "memory"))
//       text.replace(memory->valueStart, memory->valueEnd - memory->valueStart, "\"32M\"");
#pragma once

#include <QList>
#include <QString>

namespace Keel {

struct TomlSpan {
    int start = 0;
    int end = 0; // one past the last character
};

struct TomlEntry {
    QString section; // the table the entry is in ("" for the root), e.g. "kernel.options"
    QString key; // dotted key as written, quotes and spaces removed, e.g. "heap.size"
    int lineStart = 0; // offset of the first character of the entry's first line
    TomlSpan value;
    int lineEnd = 0; // one past the newline that ends the entry (or the text's end)
    QList<TomlSpan> items; // the elements when the value is an array
    bool isArray = false;

    QString path() const; // section + "." + key
};

struct TomlSection {
    QString name; // "" for the root table (text before the first header)
    int headerStart = 0;
    int headerEnd = 0; // one past the header line's newline
    int contentEnd = 0; // one past the newline of its last entry (headerEnd when it has none)
    bool isArrayOfTables = false;
};

class TomlLayout {
public:
    static TomlLayout scan(const QString& text);

    bool isComplete() const { return m_complete; } // false: a value ran to the end of the text
    const QList<TomlEntry>& entries() const { return m_entries; }
    const QList<TomlSection>& sections() const { return m_sections; }

    // The entry whose full path is section.key, however the text splits it between header
    // and dotted key; null when absent.
    const TomlEntry* find(const QString& section, const QString& key) const;
    const TomlSection* section(const QString& name) const;

private:
    QList<TomlEntry> m_entries;
    QList<TomlSection> m_sections;
    bool m_complete = true;
};

} // namespace Keel
