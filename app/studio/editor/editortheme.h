// Editor colours that follow the system palette: a dark window palette gets dark editor
// colours, a light one light colours. Qt 6.4 has no colour-scheme hint, so the palette's
// window lightness decides.
#pragma once

#include "codeeditor.h"

#include <QPalette>
#include <Qsci/qscistyle.h>

namespace Keel::Studio::EditorTheme {

enum class Scheme { Light, Dark };

Scheme schemeFor(const QPalette& palette);

// Colours the editor, its margins and its lexer (if any) for the palette's scheme.
void apply(QsciScintilla* editor, const QPalette& palette);

// Annotation styles shared by all editors (QScintilla allocates style numbers globally).
const QsciStyle& annotationStyle(EditorDiagnostic::Kind kind);

} // namespace Keel::Studio::EditorTheme
