#include "qmpparser.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Keel {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QString excerpt(QByteArrayView bytes)
{
    constexpr qsizetype kMaxExcerpt = 60;
    QString text = QString::fromUtf8(bytes.first(qMin(bytes.size(), kMaxExcerpt))).trimmed();
    if (bytes.size() > kMaxExcerpt)
        text += QStringLiteral("…");
    return text;
}

} // namespace

QList<QmpMessage> QmpParser::feed(QByteArrayView bytes)
{
    m_buffer.append(bytes);
    QList<QmpMessage> out;
    for (;;) {
        if (m_scanned == 0) {
            qsizetype start = 0;
            while (start < m_buffer.size() && isJsonSpace(m_buffer[start]))
                ++start;
            m_buffer.remove(0, start);
            if (m_buffer.isEmpty())
                break;
            if (m_buffer[0] != '{') {
                if (!skipGarbageLine(out))
                    break;
                continue;
            }
        }
        if (!scanObject(out))
            break;
    }
    return out;
}

bool QmpParser::skipGarbageLine(QList<QmpMessage> &out)
{
    const qsizetype newline = m_buffer.indexOf('\n');
    if (newline < 0 && m_buffer.size() < kMaxMessageSize)
        return false; // the rest of the line has not arrived yet
    const qsizetype end = newline < 0 ? m_buffer.size() : newline + 1;
    out.append(QmpMessage::invalid(QStringLiteral("not JSON: \"%1\"").arg(excerpt(QByteArrayView(m_buffer).first(end)))));
    m_buffer.remove(0, end);
    return true;
}

bool QmpParser::scanObject(QList<QmpMessage> &out)
{
    qsizetype i = m_scanned;
    for (; i < m_buffer.size(); ++i) {
        const char c = m_buffer[i];
        if (m_inString) {
            if (m_escaped)
                m_escaped = false;
            else if (c == '\\')
                m_escaped = true;
            else if (c == '"')
                m_inString = false;
        } else if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if ((c == '}' || c == ']') && --m_depth == 0) {
            break;
        }
    }
    if (i == m_buffer.size()) {
        m_scanned = i;
        if (m_buffer.size() <= kMaxMessageSize)
            return false;
        out.append(QmpMessage::invalid(QStringLiteral("a message larger than %1 bytes").arg(kMaxMessageSize)));
        m_buffer.clear();
        resetScan();
        return false;
    }
    const QByteArray text = m_buffer.left(i + 1);
    m_buffer.remove(0, i + 1);
    resetScan();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        out.append(QmpMessage::invalid(QStringLiteral("malformed JSON (%1): \"%2\"").arg(error.errorString(), excerpt(text))));
    else
        out.append(QmpMessage::fromObject(document.object()));
    return true;
}

void QmpParser::resetScan()
{
    m_scanned = 0;
    m_depth = 0;
    m_inString = false;
    m_escaped = false;
}

} // namespace Keel
