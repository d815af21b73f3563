// The Disassembly dock: instructions around the pc, mixed with the source lines they come from,
// the current instruction marked (▶ and highlighted).
#pragma once

#include "emulator/gdbtypes.h"

#include <QPlainTextEdit>

namespace Keel::Studio {

class DisassemblyPanel : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit DisassemblyPanel(QWidget* parent = nullptr);

    void setLines(const QList<GdbDisassemblyLine>& lines, quint64 pc);
    QString currentLineText() const; // the marked instruction's row (tests)

private:
    QString sourceText(const QString& file, int line);

    QString m_cachedFile;
    QStringList m_cachedLines;
    int m_currentBlock = -1;
};

} // namespace Keel::Studio
