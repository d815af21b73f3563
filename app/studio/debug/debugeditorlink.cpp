// DebugWorkspace's side in the editor: the margin's breakpoints (with their enabled state and
// condition kept here, by file:line) passed to the debugger, the margin's context menu, and the
// current-line marker.
#include "breakpointspanel.h"
#include "debugworkspace.h"

#include "editor/editortabs.h"
#include "mainwindow.h"

#include <QInputDialog>
#include <QMenu>

namespace Keel::Studio {

void DebugWorkspace::prepareEditor(CodeEditor* editor)
{
    if (!editor || m_prepared.contains(editor))
        return;
    m_prepared.removeAll(nullptr);
    m_prepared << editor;
    editor->markerDefine(QsciScintilla::RightArrow, kCurrentLineMarker);
    editor->setMarkerBackgroundColor(QColor(230, 180, 0), kCurrentLineMarker);
    editor->setMarkerForegroundColor(QColor(120, 90, 0), kCurrentLineMarker);
    editor->markerDefine(QsciScintilla::Background, kCurrentLineBackground);
    editor->setMarkerBackgroundColor(QColor(255, 220, 0, 80), kCurrentLineBackground);
    editor->markerDefine(QsciScintilla::Circle, kDisabledBreakpointMarker);
    editor->setMarkerBackgroundColor(QColor(190, 190, 190), kDisabledBreakpointMarker);
    editor->setMarkerForegroundColor(QColor(160, 30, 30), kDisabledBreakpointMarker);
    // Scintilla draws a translucent line-background marker only when some margin's mask holds
    // it (it shows nothing in the margin itself); left out, the current line had no highlight.
    editor->setMarginMarkerMask(CodeEditor::kBreakpointMargin,
        (1 << CodeEditor::kBreakpointMarker) | (1 << kCurrentLineMarker) | (1 << kCurrentLineBackground)
            | (1 << kDisabledBreakpointMarker));
    connect(editor, &CodeEditor::breakpointsChanged, this, &DebugWorkspace::syncBreakpoints);
    connect(editor, &QsciScintilla::marginRightClicked, this, [this, editor](int margin, int line) {
        if (margin == CodeEditor::kBreakpointMargin)
            showMarginMenu(editor, line + 1);
    });
    if (editor->filePath() == m_currentFile)
        showCurrentLine(m_currentFile, m_currentLine);
    syncBreakpoints();
}

void DebugWorkspace::showMarginMenu(CodeEditor* editor, int line)
{
    const QString file = editor->filePath();
    const bool has = editor->breakpointLines().contains(line);
    const SourceBreakpoint options = m_options.value(SourceBreakpoint {file, line}.location(), {file, line});
    QMenu menu;
    menu.addAction(has ? tr("Remove Breakpoint") : tr("Add Breakpoint"), this,
        [editor, line] { editor->toggleBreakpoint(line); });
    if (has) {
        menu.addAction(options.enabled ? tr("Disable Breakpoint") : tr("Enable Breakpoint"), this,
            [this, file, line, options] { setBreakpointEnabled(file, line, !options.enabled); });
        menu.addAction(tr("Condition…"), this, [this, editor, file, line, options] {
            bool ok = false;
            const QString condition = QInputDialog::getText(editor, tr("Breakpoint Condition"),
                tr("Stop at %1:%2 only when (C++ expression, empty for always):").arg(file).arg(line),
                QLineEdit::Normal, options.condition, &ok);
            if (ok)
                setBreakpointCondition(file, line, condition.trimmed());
        });
    }
    menu.addSeparator();
    QAction* runTo = menu.addAction(tr("Run to This Line"), this,
        [this, file, line] { m_controller->runToLine(file, line); });
    runTo->setEnabled(m_controller->state() == DebugController::State::Stopped);
    menu.exec(QCursor::pos());
}

void DebugWorkspace::setBreakpointEnabled(const QString& file, int line, bool enabled)
{
    SourceBreakpoint& options = m_options[SourceBreakpoint {file, line}.location()];
    options.file = file;
    options.line = line;
    options.enabled = enabled;
    syncBreakpoints();
}

void DebugWorkspace::setBreakpointCondition(const QString& file, int line, const QString& condition)
{
    SourceBreakpoint& options = m_options[SourceBreakpoint {file, line}.location()];
    options.file = file;
    options.line = line;
    options.condition = condition;
    syncBreakpoints();
}

// The editors' margins say where breakpoints are; m_options adds enabled state and condition.
void DebugWorkspace::syncBreakpoints()
{
    QList<SourceBreakpoint> all;
    for (CodeEditor* editor : m_window->editorTabs()->editors()) {
        prepareEditor(editor);
        editor->markerDeleteAll(kDisabledBreakpointMarker);
        for (int line : editor->breakpointLines()) {
            const QString location = SourceBreakpoint {editor->filePath(), line}.location();
            SourceBreakpoint breakpoint = m_options.value(location, {editor->filePath(), line});
            breakpoint.file = editor->filePath();
            breakpoint.line = line;
            if (!breakpoint.enabled)
                editor->markerAdd(line - 1, kDisabledBreakpointMarker);
            all << breakpoint;
        }
    }
    if (all != m_controller->breakpoints())
        m_controller->setBreakpoints(all);
    m_breakpoints->setBreakpoints(all, m_controller->gdbNumbers());
}

void DebugWorkspace::showCurrentLine(const QString& file, int line)
{
    clearCurrentLine();
    m_currentFile = file;
    m_currentLine = line;
    CodeEditor* editor = m_window->editorTabs()->openFile(file, line);
    if (!editor)
        return;
    prepareEditor(editor);
    editor->markerAdd(line - 1, kCurrentLineMarker);
    editor->markerAdd(line - 1, kCurrentLineBackground);
    m_markedEditor = editor;
}

void DebugWorkspace::clearCurrentLine()
{
    if (m_markedEditor) {
        m_markedEditor->markerDeleteAll(kCurrentLineMarker);
        m_markedEditor->markerDeleteAll(kCurrentLineBackground);
    }
    m_markedEditor = nullptr;
    m_currentFile.clear();
    m_currentLine = 0;
}

} // namespace Keel::Studio
