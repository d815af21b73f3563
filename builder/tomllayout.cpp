#include "tomllayout.h"

namespace Keel {

namespace {

// Walks the text once. Each scan function starts at m_pos and leaves it just past what it read;
// running into the end of the text where more was needed marks the scan incomplete.
class Scanner {
public:
    explicit Scanner(const QString& text)
        : m_text(text)
    {
    }

    void run(QList<TomlEntry>* entries, QList<TomlSection>* sections);
    bool complete() const { return m_complete; }

private:
    QChar at(int pos) const { return pos < m_text.size() ? m_text.at(pos) : QChar(); }
    bool atEnd() const { return m_pos >= m_text.size(); }
    bool startsWith(const char* token) const
    {
        return QStringView(m_text).mid(m_pos).startsWith(QLatin1String(token));
    }
    void skipBlanks(); // spaces and tabs
    void skipBlanksNewlinesAndComments(); // inside arrays and between lines
    void skipRestOfLine(); // trailing comment and the newline
    void scanHeader(QList<TomlSection>* sections);
    QString scanKey(); // up to '=' or '}', normalized
    void scanValue(QList<TomlSpan>* items);
    void scanString();
    void scanUntil(const char* closing, bool escapes);
    void scanArray(QList<TomlSpan>* items);
    void scanInlineTable();

    const QString& m_text;
    int m_pos = 0;
    bool m_complete = true;
};

void Scanner::skipBlanks()
{
    while (!atEnd() && (at(m_pos) == ' ' || at(m_pos) == '\t'))
        ++m_pos;
}

void Scanner::skipBlanksNewlinesAndComments()
{
    while (!atEnd()) {
        const QChar c = at(m_pos);
        if (c == '#') {
            while (!atEnd() && at(m_pos) != '\n')
                ++m_pos;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++m_pos;
        } else {
            return;
        }
    }
}

void Scanner::skipRestOfLine()
{
    while (!atEnd() && at(m_pos) != '\n')
        ++m_pos;
    if (!atEnd())
        ++m_pos;
}

void Scanner::scanUntil(const char* closing, bool escapes)
{
    const int length = int(qstrlen(closing));
    while (!atEnd()) {
        if (escapes && at(m_pos) == '\\') {
            m_pos += 2;
        } else if (startsWith(closing)) {
            m_pos += length;
            // A multi-line string may end with up to two extra quotes: """a""""" is 'a""'.
            for (int extra = 0; length == 3 && extra < 2 && at(m_pos) == closing[0]; ++extra)
                ++m_pos;
            return;
        } else {
            ++m_pos;
        }
    }
    m_complete = false;
}

void Scanner::scanString()
{
    if (startsWith("\"\"\"")) {
        m_pos += 3;
        scanUntil("\"\"\"", true);
    } else if (startsWith("'''")) {
        m_pos += 3;
        scanUntil("'''", false);
    } else if (at(m_pos) == '"') {
        ++m_pos;
        scanUntil("\"", true);
    } else {
        ++m_pos;
        scanUntil("'", false);
    }
}

void Scanner::scanArray(QList<TomlSpan>* items)
{
    ++m_pos; // '['
    for (;;) {
        skipBlanksNewlinesAndComments();
        if (atEnd()) {
            m_complete = false;
            return;
        }
        if (at(m_pos) == ']') {
            ++m_pos;
            return;
        }
        const int start = m_pos;
        scanValue(nullptr);
        if (items)
            items->append({start, m_pos});
        skipBlanksNewlinesAndComments();
        if (at(m_pos) == ',')
            ++m_pos;
        else if (at(m_pos) != ']' && !atEnd())
            ++m_pos; // not TOML; toml++ will say so, the scan only must not stall
    }
}

void Scanner::scanInlineTable()
{
    ++m_pos; // '{'
    for (;;) {
        skipBlanks();
        if (atEnd() || at(m_pos) == '\n') {
            m_complete = false;
            return;
        }
        if (at(m_pos) == '}') {
            ++m_pos;
            return;
        }
        scanKey();
        if (at(m_pos) == '=')
            ++m_pos;
        skipBlanks();
        scanValue(nullptr);
        skipBlanks();
        if (at(m_pos) == ',')
            ++m_pos;
    }
}

void Scanner::scanValue(QList<TomlSpan>* items)
{
    const QChar c = at(m_pos);
    if (c == '"' || c == '\'')
        return scanString();
    if (c == '[')
        return scanArray(items);
    if (c == '{')
        return scanInlineTable();
    // Bare scalars: numbers, booleans, dates (whose space-separated time part is kept).
    static const QString kStops = QStringLiteral(",]}#\r\n");
    while (!atEnd() && !kStops.contains(at(m_pos))) {
        if ((at(m_pos) == ' ' || at(m_pos) == '\t') && !(at(m_pos + 1).isDigit()))
            break;
        ++m_pos;
    }
}

QString Scanner::scanKey()
{
    QStringList parts;
    QString part;
    for (skipBlanks(); !atEnd(); skipBlanks()) {
        const QChar c = at(m_pos);
        if (c == '=' || c == '}' || c == ']' || c == '\n') {
            break;
        } else if (c == '.') {
            parts << part;
            part.clear();
            ++m_pos;
        } else if (c == '"' || c == '\'') {
            const int start = m_pos;
            scanString();
            part += m_text.mid(start + 1, m_pos - start - 2);
        } else {
            part += c;
            ++m_pos;
        }
    }
    parts << part;
    return parts.join(QLatin1Char('.'));
}

void Scanner::scanHeader(QList<TomlSection>* sections)
{
    TomlSection section;
    section.headerStart = m_pos;
    section.isArrayOfTables = startsWith("[[");
    m_pos += section.isArrayOfTables ? 2 : 1;
    section.name = scanKey();
    skipRestOfLine();
    section.headerEnd = section.contentEnd = m_pos;
    sections->append(section);
}

void Scanner::run(QList<TomlEntry>* entries, QList<TomlSection>* sections)
{
    sections->append(TomlSection {}); // the root table
    while (!atEnd()) {
        const int lineStart = m_pos;
        skipBlanks();
        const QChar c = at(m_pos);
        if (c == '\n' || c == '\r' || c == '#' || atEnd()) {
            skipRestOfLine();
            continue;
        }
        if (c == '[') {
            scanHeader(sections);
            continue;
        }
        TomlEntry entry;
        entry.section = sections->last().name;
        entry.lineStart = lineStart;
        entry.key = scanKey();
        if (at(m_pos) == '=')
            ++m_pos;
        skipBlanks();
        entry.value.start = m_pos;
        entry.isArray = at(m_pos) == '[';
        scanValue(&entry.items);
        entry.value.end = m_pos;
        skipRestOfLine();
        entry.lineEnd = m_pos;
        sections->last().contentEnd = m_pos;
        entries->append(entry);
    }
}

} // namespace

QString TomlEntry::path() const
{
    return section.isEmpty() ? key : section + QLatin1Char('.') + key;
}

TomlLayout TomlLayout::scan(const QString& text)
{
    TomlLayout layout;
    Scanner scanner(text);
    scanner.run(&layout.m_entries, &layout.m_sections);
    layout.m_complete = scanner.complete();
    return layout;
}

const TomlEntry* TomlLayout::find(const QString& section, const QString& key) const
{
    const QString path = section.isEmpty() ? key : section + QLatin1Char('.') + key;
    for (const TomlEntry& entry : m_entries) {
        if (entry.path() == path)
            return &entry;
    }
    return nullptr;
}

const TomlSection* TomlLayout::section(const QString& name) const
{
    for (const TomlSection& section : m_sections) {
        if (section.name == name && !section.isArrayOfTables)
            return &section;
    }
    return nullptr;
}

} // namespace Keel
