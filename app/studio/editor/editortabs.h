// The editor area: one CodeEditor per open file in tabs, the find bar below them, the
// project's breakpoint store, and the rules for unsaved changes and files changed outside.
//
//   auto* tabs = new Keel::Studio::EditorTabs;
//   tabs->setProjectDir("/home/me/hello");
//   tabs->openFile("/home/me/hello/src/main.cpp");
//   if (!tabs->closeAll()) return;   // the user cancelled the unsaved-changes question
#pragma once

#include "breakpointstore.h"
#include "codeeditor.h"
#include "userprompt.h"

#include <QWidget>
#include <memory>

class QTabWidget;

namespace Keel::Studio {

class FileWatcher;
class FindBar;

class EditorTabs : public QWidget {
    Q_OBJECT
public:
    explicit EditorTabs(QWidget* parent = nullptr);
    ~EditorTabs() override;

    void setPrompt(std::unique_ptr<UserPrompt> prompt); // tests answer the questions
    UserPrompt* prompt() const { return m_prompt.get(); }
    void setProjectDir(const QString& dir);
    const BreakpointStore& breakpoints() const { return m_breakpoints; }

    CodeEditor* openFile(const QString& path, int line = 0);
    CodeEditor* currentEditor() const;
    CodeEditor* editorFor(const QString& path) const;
    QList<CodeEditor*> editors() const;
    FindBar* findBar() const { return m_findBar; }
    int count() const;

    bool save(CodeEditor* editor);
    bool saveCurrent();
    bool saveAll();
    bool revertCurrent();
    bool closeEditor(CodeEditor* editor); // false when the user cancelled
    bool closeAll(); // asks once about every modified file
    bool hasUnsavedChanges() const;

    // The file changed on disk by Keel itself (e.g. the features panel): an open, unmodified
    // tab reloads; a modified one asks first, as for any outside change.
    void reloadFromDisk(const QString& path);

    void showFind();
    void applyPalette(const QPalette& palette);
    void setDiagnostics(const QString& path, const QList<EditorDiagnostic>& diagnostics);
    void clearAllDiagnostics();

signals:
    void currentEditorChanged(Keel::Studio::CodeEditor* editor);
    void modificationChanged();
    void fileSaved(const QString& path);

private:
    void onExternalChange(const QString& path);
    void onCurrentChanged();
    void updateTabTitle(CodeEditor* editor);
    void storeBreakpoints(CodeEditor* editor);
    void removeEditor(CodeEditor* editor);

    QTabWidget* m_tabs;
    FindBar* m_findBar;
    FileWatcher* m_watcher;
    std::unique_ptr<UserPrompt> m_prompt;
    BreakpointStore m_breakpoints;
    QHash<QString, QList<EditorDiagnostic>> m_diagnostics;
};

} // namespace Keel::Studio
