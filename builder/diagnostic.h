// One shape for every problem the builder reports: keel.toml and manifest
// errors, resolver errors, and compiler diagnostics parsed from GCC's JSON.
//
//   Keel::Diagnostics diags;
//   auto project = Keel::ProjectLoader::load(dir, &diags);
//   for (const auto &d : diags) std::fputs(qPrintable(d.render() + '\n'), stderr);
#pragma once

#include <QList>
#include <QString>

namespace Keel {

enum class Severity { Note, Warning, Error };

struct FixIt {
    int line = 0;
    int column = 0;
    int endLine = 0;
    int endColumn = 0;
    QString replacement;
};

struct Diagnostic {
    QString file;        // absolute or build-relative path; empty when there is no file
    int line = 0;        // 1-based; 0 = unknown
    int column = 0;      // 1-based; 0 = unknown
    Severity severity = Severity::Error;
    QString message;
    QString hint;        // how to fix it; empty when there is nothing useful to say
    QList<FixIt> fixits;

    static Diagnostic error(const QString &file, int line, int column, const QString &message,
                            const QString &hint = {});
    static Diagnostic warning(const QString &file, int line, int column, const QString &message,
                              const QString &hint = {});

    // gcc style: "file:line:col: error: message", then "  hint: …" on its own line.
    QString render() const;
    QString location() const; // "file:line:col" (shorter when line/column are unknown)
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
QString severityName(Severity severity);

} // namespace Keel
