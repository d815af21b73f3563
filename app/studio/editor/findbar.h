// The find/replace bar under the editor tabs (Ctrl+F). It searches whichever editor is
// current; Enter finds the next match, Escape closes it.
#pragma once

#include "codeeditor.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Keel::Studio {

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QWidget* parent = nullptr);

    void setEditor(CodeEditor* editor);
    void openFind(const QString& initialText);

    QLineEdit* findField() const { return m_find; }
    QLineEdit* replaceField() const { return m_replace; }

    bool findNext();
    bool findPrevious();
    bool replaceOne();
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    CaseSensitivity caseSensitivity() const;
    void showResult(bool found);

    QPointer<CodeEditor> m_editor;
    QLineEdit* m_find;
    QLineEdit* m_replace;
    QCheckBox* m_matchCase;
    QLabel* m_status;
};

} // namespace Keel::Studio
