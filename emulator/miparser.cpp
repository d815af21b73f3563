#include "miparser.h"

namespace Keel {

namespace {

// A cursor over one line; each parse step returns false and sets m_error on malformed input.
class MiCursor
{
public:
    explicit MiCursor(QByteArrayView line) : m_line(line) { }

    bool atEnd() const { return m_pos >= m_line.size(); }
    char peek() const { return atEnd() ? '\0' : m_line[m_pos]; }
    qsizetype position() const { return m_pos; }
    QString error() const { return m_error; }

    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 at column %2").arg(what).arg(m_pos + 1);
        return false;
    }

    bool expect(char c)
    {
        if (peek() != c)
            return fail(atEnd() ? QStringLiteral("expected '%1' but the line ended").arg(QLatin1Char(c))
                                : QStringLiteral("expected '%1', found '%2'").arg(QChar::fromLatin1(c)).arg(QChar::fromLatin1(peek())));
        ++m_pos;
        return true;
    }

    qint64 token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        if (m_pos == start)
            return MiRecord::kNoToken;
        bool ok = false;
        const qint64 value = m_line.sliced(start, m_pos - start).toLongLong(&ok);
        return ok ? value : MiRecord::kNoToken;
    }

    // A class or variable name: anything up to ',', '=' or the end.
    QString word()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != ',' && peek() != '=' && peek() != '{' && peek() != '[' && peek() != '"')
            ++m_pos;
        return QString::fromLatin1(m_line.sliced(start, m_pos - start));
    }

    bool cString(QString &out)
    {
        if (!expect('"'))
            return false;
        QByteArray bytes;
        while (!atEnd() && peek() != '"') {
            char c = m_line[m_pos++];
            if (c == '\\' && !unescape(bytes))
                return false;
            if (c != '\\')
                bytes.append(c);
        }
        if (!expect('"'))
            return fail(QStringLiteral("unterminated string"));
        out = QString::fromUtf8(bytes);
        return true;
    }

    bool value(MiValue &out, int depth)
    {
        if (depth > MiParser::kMaxDepth)
            return fail(QStringLiteral("nesting deeper than %1").arg(MiParser::kMaxDepth));
        switch (peek()) {
        case '"': {
            QString text;
            if (!cString(text))
                return false;
            out = MiValue::fromString(text);
            return true;
        }
        case '{': return container(out, MiValue::Kind::Tuple, '}', depth);
        case '[': return container(out, MiValue::Kind::List, ']', depth);
        default: return fail(QStringLiteral("expected a value"));
        }
    }

    // name=value; with allowBare a plain value (list items) is accepted too.
    bool result(MiValue &parent, int depth, bool allowBare)
    {
        if (allowBare && (peek() == '"' || peek() == '{' || peek() == '['))
            return appendValue(parent, QString(), depth);
        const QString name = word();
        if (name.isEmpty())
            return fail(QStringLiteral("expected a name"));
        if (!expect('='))
            return false;
        return appendValue(parent, name, depth);
    }

private:
    bool appendValue(MiValue &parent, const QString &name, int depth)
    {
        MiValue child;
        if (!value(child, depth + 1))
            return false;
        parent.append(name, std::move(child));
        return true;
    }

    bool container(MiValue &out, MiValue::Kind kind, char close, int depth)
    {
        ++m_pos;
        out = MiValue(kind);
        if (peek() == close) {
            ++m_pos;
            return true;
        }
        for (;;) {
            if (!result(out, depth, kind == MiValue::Kind::List))
                return false;
            if (peek() == close) {
                ++m_pos;
                return true;
            }
            if (!expect(','))
                return false;
        }
    }

    bool unescape(QByteArray &bytes)
    {
        if (atEnd())
            return fail(QStringLiteral("unterminated escape"));
        const char c = m_line[m_pos++];
        switch (c) {
        case 'n': bytes.append('\n'); return true;
        case 't': bytes.append('\t'); return true;
        case 'r': bytes.append('\r'); return true;
        case 'f': bytes.append('\f'); return true;
        case 'v': bytes.append('\v'); return true;
        case 'a': bytes.append('\a'); return true;
        case 'b': bytes.append('\b'); return true;
        case 'e': bytes.append('\x1b'); return true;
        case '"': case '\\': case '\'': bytes.append(c); return true;
        default: break;
        }
        // gdb writes other bytes as three octal digits (\303\251 is "é" in UTF-8).
        if (c < '0' || c > '7')
            return fail(QStringLiteral("unknown escape '\\%1'").arg(QLatin1Char(c)));
        int code = c - '0';
        for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; ++i)
            code = code * 8 + (m_line[m_pos++] - '0');
        bytes.append(char(code & 0xff));
        return true;
    }

    QByteArrayView m_line;
    qsizetype m_pos = 0;
    QString m_error;
};

std::optional<MiRecord::Type> typeFor(char prefix)
{
    switch (prefix) {
    case '^': return MiRecord::Type::Result;
    case '*': return MiRecord::Type::ExecAsync;
    case '+': return MiRecord::Type::StatusAsync;
    case '=': return MiRecord::Type::NotifyAsync;
    case '~': return MiRecord::Type::ConsoleStream;
    case '@': return MiRecord::Type::TargetStream;
    case '&': return MiRecord::Type::LogStream;
    default: return std::nullopt;
    }
}

bool isPrompt(QByteArrayView line)
{
    return line.trimmed() == "(gdb)";
}

} // namespace

std::optional<MiRecord> MiParser::parseLine(QByteArrayView line, QString *error)
{
    MiRecord record;
    if (isPrompt(line))
        return record;
    MiCursor cursor(line);
    record.token = cursor.token();
    const auto type = typeFor(cursor.peek());
    if (!type) {
        if (error)
            *error = cursor.atEnd() ? QStringLiteral("empty line") : QStringLiteral("not a GDB/MI record (starts with '%1')").arg(QLatin1Char(cursor.peek()));
        return std::nullopt;
    }
    record.type = *type;
    cursor.expect(cursor.peek());
    bool ok = true;
    if (record.isStream()) {
        ok = cursor.cString(record.text) && (cursor.atEnd() || cursor.fail(QStringLiteral("text after the string")));
    } else {
        record.className = cursor.word();
        if (record.className.isEmpty())
            ok = cursor.fail(QStringLiteral("missing record class"));
        while (ok && !cursor.atEnd())
            ok = cursor.expect(',') && cursor.result(record.results, 0, false);
    }
    if (!ok) {
        if (error)
            *error = cursor.error();
        return std::nullopt;
    }
    return record;
}

QList<MiRecord> MiParser::feed(QByteArrayView bytes)
{
    QList<MiRecord> records;
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        const qsizetype end = newline < 0 ? bytes.size() : newline;
        if (!m_discarding)
            m_partial.append(bytes.sliced(start, end - start));
        if (m_partial.size() > kMaxLineLength) {
            m_errors.append(QStringLiteral("GDB/MI line longer than %1 bytes dropped").arg(kMaxLineLength));
            m_partial.clear();
            m_discarding = true;
        }
        if (newline < 0)
            break;
        if (!m_discarding)
            parseInto(m_partial, records);
        m_partial.clear();
        m_discarding = false;
        start = newline + 1;
    }
    return records;
}

QList<MiRecord> MiParser::flush()
{
    QList<MiRecord> records;
    if (!m_partial.isEmpty() && !m_discarding)
        parseInto(m_partial, records);
    m_partial.clear();
    m_discarding = false;
    return records;
}

QStringList MiParser::takeErrors()
{
    return std::exchange(m_errors, {});
}

void MiParser::parseInto(QByteArrayView line, QList<MiRecord> &records)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return;
    QString error;
    if (auto record = parseLine(line, &error))
        records.append(std::move(*record));
    else
        m_errors.append(QStringLiteral("%1 in GDB/MI line \"%2\"").arg(error, QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 120)))));
}

} // namespace Keel
