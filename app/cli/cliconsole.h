// Console output shared by every command: `keel: error: …` lines with a hint, gcc-style
// diagnostics, and the exit codes the CLI promises.
#pragma once

#include "diagnostic.h"

#include <QString>

namespace Keel::Cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitError = 1,
    kExitUsage = 2,
    kExitTimeout = 124,
    kExitMissingTool = 127,
};

enum class Stream { Out, Err };

void print(const QString &text, Stream stream = Stream::Out); // adds no newline
void printLine(const QString &text, Stream stream = Stream::Out);
void printError(const QString &message, const QString &hint = {});
void printNote(const QString &message); // "keel: …" on stderr
// gcc style when there is a file, else `keel: error: …`; hints on their own line.
void printDiagnostic(const Diagnostic &diagnostic);
// Prints each once (a build reports some twice: from ninja's output and from GCC's JSON).
void printDiagnostics(const Diagnostics &diagnostics);

} // namespace Keel::Cli
