#include "editortabs.h"
#include "filewatcher.h"
#include "findbar.h"

#include <QFileInfo>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Keel::Studio {

EditorTabs::EditorTabs(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_findBar(new FindBar(this))
    , m_watcher(new FileWatcher(this))
    , m_prompt(std::make_unique<MessageBoxPrompt>(this))
{
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_findBar->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_findBar);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
        [this](int index) { closeEditor(qobject_cast<CodeEditor*>(m_tabs->widget(index))); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &EditorTabs::onCurrentChanged);
    connect(m_watcher, &FileWatcher::changed, this, &EditorTabs::onExternalChange);
}

EditorTabs::~EditorTabs() = default;

void EditorTabs::setPrompt(std::unique_ptr<UserPrompt> prompt)
{
    m_prompt = std::move(prompt);
}

void EditorTabs::setProjectDir(const QString& dir)
{
    m_breakpoints = BreakpointStore(dir);
}

CodeEditor* EditorTabs::openFile(const QString& path, int line)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CodeEditor* editor = editorFor(absolute);
    if (!editor) {
        editor = new CodeEditor(m_tabs);
        QString error;
        if (!editor->openFile(absolute, &error)) {
            delete editor;
            m_prompt->showError(error);
            return nullptr;
        }
        editor->setBreakpointLines(m_breakpoints.lines(absolute));
        editor->setDiagnostics(m_diagnostics.value(absolute));
        connect(editor, &QsciScintilla::modificationChanged, this, [this, editor] {
            updateTabTitle(editor);
            emit modificationChanged();
        });
        connect(editor, &CodeEditor::breakpointsChanged, this,
            [this, editor] { storeBreakpoints(editor); });
        m_tabs->addTab(editor, editor->displayName());
        m_tabs->setTabToolTip(m_tabs->indexOf(editor), absolute);
        m_watcher->watch(absolute);
    }
    m_tabs->setCurrentWidget(editor);
    if (line > 0)
        editor->goToLine(line);
    editor->setFocus();
    return editor;
}

CodeEditor* EditorTabs::currentEditor() const
{
    return qobject_cast<CodeEditor*>(m_tabs->currentWidget());
}

CodeEditor* EditorTabs::editorFor(const QString& path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (CodeEditor* editor : editors()) {
        if (editor->filePath() == absolute)
            return editor;
    }
    return nullptr;
}

QList<CodeEditor*> EditorTabs::editors() const
{
    QList<CodeEditor*> result;
    for (int i = 0; i < m_tabs->count(); ++i)
        result.append(qobject_cast<CodeEditor*>(m_tabs->widget(i)));
    return result;
}

int EditorTabs::count() const
{
    return m_tabs->count();
}

bool EditorTabs::save(CodeEditor* editor)
{
    if (!editor)
        return false;
    QString error;
    if (!editor->save(&error)) {
        m_prompt->showError(error);
        return false;
    }
    m_watcher->rearm(editor->filePath());
    storeBreakpoints(editor); // markers move with edits; keep the saved lines in step
    emit fileSaved(editor->filePath());
    return true;
}

bool EditorTabs::saveCurrent()
{
    return save(currentEditor());
}

bool EditorTabs::saveAll()
{
    bool ok = true;
    for (CodeEditor* editor : editors()) {
        if (editor->isModified())
            ok = save(editor) && ok;
    }
    return ok;
}

bool EditorTabs::revertCurrent()
{
    CodeEditor* editor = currentEditor();
    QString error;
    if (!editor || editor->revert(&error))
        return editor != nullptr;
    m_prompt->showError(error);
    return false;
}

bool EditorTabs::hasUnsavedChanges() const
{
    for (CodeEditor* editor : editors()) {
        if (editor->isModified())
            return true;
    }
    return false;
}

void EditorTabs::removeEditor(CodeEditor* editor)
{
    m_watcher->unwatch(editor->filePath());
    m_tabs->removeTab(m_tabs->indexOf(editor));
    editor->deleteLater();
}

bool EditorTabs::closeEditor(CodeEditor* editor)
{
    if (!editor)
        return true;
    if (editor->isModified()) {
        const SaveChoice choice = m_prompt->askSaveChanges({editor->displayName()});
        if (choice == SaveChoice::Cancel || (choice == SaveChoice::Save && !save(editor)))
            return false;
    }
    removeEditor(editor);
    return true;
}

bool EditorTabs::closeAll()
{
    QStringList modified;
    for (CodeEditor* editor : editors()) {
        if (editor->isModified())
            modified.append(editor->displayName());
    }
    if (!modified.isEmpty()) {
        const SaveChoice choice = m_prompt->askSaveChanges(modified);
        if (choice == SaveChoice::Cancel || (choice == SaveChoice::Save && !saveAll()))
            return false;
    }
    for (CodeEditor* editor : editors())
        removeEditor(editor);
    return true;
}

void EditorTabs::reloadFromDisk(const QString& path)
{
    onExternalChange(QFileInfo(path).absoluteFilePath());
    m_watcher->rearm(QFileInfo(path).absoluteFilePath());
}

void EditorTabs::onExternalChange(const QString& path)
{
    CodeEditor* editor = editorFor(path);
    if (!editor || !QFileInfo::exists(path) || !editor->diskDiffersFromLastSync())
        return; // our own save, a touch, or a delete that an atomic replace will follow
    if (editor->isModified() && !m_prompt->askReload(editor->displayName()))
        return;
    QString error;
    if (!editor->revert(&error))
        m_prompt->showError(error);
}

void EditorTabs::onCurrentChanged()
{
    m_findBar->setEditor(currentEditor());
    emit currentEditorChanged(currentEditor());
}

void EditorTabs::updateTabTitle(CodeEditor* editor)
{
    const QString title
        = editor->displayName() + (editor->isModified() ? QStringLiteral(" •") : QString());
    m_tabs->setTabText(m_tabs->indexOf(editor), title);
}

void EditorTabs::storeBreakpoints(CodeEditor* editor)
{
    m_breakpoints.setLines(editor->filePath(), editor->breakpointLines());
}

void EditorTabs::showFind()
{
    CodeEditor* editor = currentEditor();
    m_findBar->setEditor(editor);
    m_findBar->openFind(editor ? editor->selectedText() : QString());
}

void EditorTabs::applyPalette(const QPalette& palette)
{
    for (CodeEditor* editor : editors())
        editor->applyPalette(palette);
}

void EditorTabs::setDiagnostics(const QString& path, const QList<EditorDiagnostic>& diagnostics)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_diagnostics.insert(absolute, diagnostics);
    if (CodeEditor* editor = editorFor(absolute))
        editor->setDiagnostics(diagnostics);
}

void EditorTabs::clearAllDiagnostics()
{
    m_diagnostics.clear();
    for (CodeEditor* editor : editors())
        editor->clearDiagnostics();
}

} // namespace Keel::Studio
