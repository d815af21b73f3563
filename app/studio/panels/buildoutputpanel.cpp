#include "buildoutputpanel.h"

#include <QFontDatabase>

namespace Keel::Studio {

BuildOutputPanel::BuildOutputPanel(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Long builds must not grow memory without bound.
    setMaximumBlockCount(20000);
    setPlaceholderText(tr("Build output appears here (Build ▸ Build, Ctrl+B)."));
}

void BuildOutputPanel::appendLine(const QString& line)
{
    appendPlainText(line);
}

} // namespace Keel::Studio
