#include "diagnostic.h"

#include <algorithm>

namespace Keel {

Diagnostic Diagnostic::error(const QString &file, int line, int column, const QString &message,
                             const QString &hint)
{
    return Diagnostic{file, line, column, Severity::Error, message, hint, {}};
}

Diagnostic Diagnostic::warning(const QString &file, int line, int column, const QString &message,
                               const QString &hint)
{
    return Diagnostic{file, line, column, Severity::Warning, message, hint, {}};
}

QString Diagnostic::location() const
{
    QString text = file;
    if (line > 0)
        text += QLatin1Char(':') + QString::number(line);
    if (line > 0 && column > 0)
        text += QLatin1Char(':') + QString::number(column);
    return text;
}

QString Diagnostic::render() const
{
    QString text = location();
    if (!text.isEmpty())
        text += QLatin1String(": ");
    text += severityName(severity) + QLatin1String(": ") + message;
    if (!hint.isEmpty())
        text += QLatin1String("\n  hint: ") + hint;
    return text;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Note:
        return QStringLiteral("note");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace Keel
