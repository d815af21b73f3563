// Writes generated files only when their content changes, so their timestamps stay put and
// ninja's incremental builds remain no-ops.
#pragma once

#include <QByteArray>
#include <QString>

namespace Keel::FileWriter {

enum class Outcome { Unchanged, Written, Failed };

// Creates parent folders as needed; on failure *error says what and where.
Outcome writeIfChanged(const QString &path, const QByteArray &content, QString *error);

} // namespace Keel::FileWriter
