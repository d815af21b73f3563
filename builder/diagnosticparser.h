// Parses compiler output into Diagnostics: GCC's -fdiagnostics-format=json and, as a fallback,
// gcc-style text lines ("file:line:col: error: message") from the linker and other tools.
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>

namespace Keel::DiagnosticParser {

// Paths in the JSON are made absolute relative to baseDir.
Diagnostics parseGccJson(const QByteArray &json, const QString &baseDir);

// Returns true and fills *out when line is a gcc/ld style diagnostic.
bool parseTextLine(const QString &line, Diagnostic *out);

} // namespace Keel::DiagnosticParser
