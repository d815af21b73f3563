#include "cliconsole.h"

#include <QSet>

#include <cstdio>

namespace Keel::Cli {

void print(const QString &text, Stream stream)
{
    FILE *file = stream == Stream::Out ? stdout : stderr;
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), file);
    std::fflush(file);
}

void printLine(const QString &text, Stream stream)
{
    print(text + u'\n', stream);
}

void printError(const QString &message, const QString &hint)
{
    QString text = QStringLiteral("keel: error: ") + message + u'\n';
    if (!hint.isEmpty())
        text += QStringLiteral("  hint: ") + hint + u'\n';
    print(text, Stream::Err);
}

void printNote(const QString &message)
{
    printLine(QStringLiteral("keel: ") + message, Stream::Err);
}

void printDiagnostic(const Diagnostic &diagnostic)
{
    if (diagnostic.file.isEmpty() && diagnostic.severity == Severity::Error)
        return printError(diagnostic.message, diagnostic.hint);
    QString text = diagnostic.render();
    if (diagnostic.file.isEmpty())
        text.prepend(QStringLiteral("keel: "));
    printLine(text, Stream::Err);
}

void printDiagnostics(const Diagnostics &diagnostics)
{
    QSet<QString> seen;
    for (const Diagnostic &diagnostic : diagnostics) {
        const QString key = diagnostic.render();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        printDiagnostic(diagnostic);
    }
}

} // namespace Keel::Cli
