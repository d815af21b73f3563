#include "diagnosticparser.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Keel::DiagnosticParser {

namespace {

Severity severityFromKind(const QString &kind)
{
    if (kind.contains(QLatin1String("error")))
        return Severity::Error;
    if (kind.contains(QLatin1String("warning")))
        return Severity::Warning;
    return Severity::Note;
}

QString absolute(const QString &file, const QString &baseDir)
{
    return file.isEmpty() ? file : QDir::cleanPath(QDir(baseDir).absoluteFilePath(file));
}

FixIt readFixIt(const QJsonObject &object)
{
    const QJsonObject start = object.value(QLatin1String("start")).toObject();
    const QJsonObject next = object.value(QLatin1String("next")).toObject();
    return FixIt{start.value(QLatin1String("line")).toInt(),
                 start.value(QLatin1String("display-column")).toInt(
                     start.value(QLatin1String("column")).toInt()),
                 next.value(QLatin1String("line")).toInt(),
                 next.value(QLatin1String("display-column")).toInt(
                     next.value(QLatin1String("column")).toInt()),
                 object.value(QLatin1String("string")).toString()};
}

void appendDiagnostic(const QJsonObject &object, const QString &baseDir, Diagnostics *out)
{
    Diagnostic d;
    d.severity = severityFromKind(object.value(QLatin1String("kind")).toString());
    d.message = object.value(QLatin1String("message")).toString();
    const QString option = object.value(QLatin1String("option")).toString();
    if (!option.isEmpty())
        d.message += QStringLiteral(" [%1]").arg(option);
    const QJsonArray locations = object.value(QLatin1String("locations")).toArray();
    if (!locations.isEmpty()) {
        const QJsonObject caret =
            locations.first().toObject().value(QLatin1String("caret")).toObject();
        d.file = absolute(caret.value(QLatin1String("file")).toString(), baseDir);
        d.line = caret.value(QLatin1String("line")).toInt();
        d.column = caret.value(QLatin1String("display-column"))
                       .toInt(caret.value(QLatin1String("column")).toInt());
    }
    for (const QJsonValue &fixit : object.value(QLatin1String("fixits")).toArray())
        d.fixits << readFixIt(fixit.toObject());
    out->append(d);
    // Notes ("candidate is …", "in expansion of macro …") follow their parent.
    for (const QJsonValue &child : object.value(QLatin1String("children")).toArray())
        appendDiagnostic(child.toObject(), baseDir, out);
}

} // namespace

Diagnostics parseGccJson(const QByteArray &json, const QString &baseDir)
{
    Diagnostics diagnostics;
    // GCC writes one JSON array per run; anything else in the file (e.g. an assembler
    // message) is not JSON and is skipped here — the caller still has the raw text.
    const int start = json.indexOf('[');
    if (start < 0)
        return diagnostics;
    const QJsonDocument document = QJsonDocument::fromJson(json.mid(start));
    for (const QJsonValue &value : document.array())
        appendDiagnostic(value.toObject(), baseDir, &diagnostics);
    return diagnostics;
}

bool parseTextLine(const QString &line, Diagnostic *out)
{
    static const QRegularExpression gccStyle(QStringLiteral(
        "^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note): (.*)$"));
    static const QRegularExpression undefinedReference(
        QStringLiteral("^(.+?):\\([^)]*\\): (undefined reference to .*)$"));
    static const QRegularExpression linker(
        QStringLiteral("^(?:\\S*/)?ld(?:\\.bfd)?: (?!.*: in function )(warning: )?(.*)$"));

    if (const auto m = gccStyle.match(line); m.hasMatch()) {
        *out = Diagnostic{m.captured(1), m.captured(2).toInt(), m.captured(3).toInt(),
                          severityFromKind(m.captured(4)), m.captured(5), {}, {}};
        return true;
    }
    if (const auto m = undefinedReference.match(line); m.hasMatch()) {
        *out = Diagnostic::error(m.captured(1), 0, 0, m.captured(2),
                                 QStringLiteral("define the function, or turn on the feature that "
                                                "provides it in keel.toml"));
        return true;
    }
    if (const auto m = linker.match(line); m.hasMatch()) {
        *out = Diagnostic{QString(), 0, 0,
                          m.captured(1).isEmpty() ? Severity::Error : Severity::Warning,
                          QStringLiteral("ld: ") + m.captured(2), {}, {}};
        return true;
    }
    return false;
}

} // namespace Keel::DiagnosticParser
