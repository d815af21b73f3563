// One source file in a QScintilla view: lexer by file type, line numbers, current line, brace
// matching, auto-indent, a breakpoint margin, diagnostics as annotations and squiggles, and
// atomic saves (QSaveFile). Holds no build logic: diagnostics are handed to it.
//
//   auto* editor = new Keel::Studio::CodeEditor;
//   QString error;
//   if (!editor->openFile("/p/src/main.cpp", &error)) show(error);
//   editor->goToLine(12);
#pragma once

#include <QByteArray>
#include <Qsci/qsciscintilla.h>

namespace Keel::Studio {

enum class FindDirection { Forward, Backward };
enum class CaseSensitivity { Insensitive, Sensitive };

struct EditorDiagnostic {
    enum class Kind { Note, Warning, Error };
    int line = 0; // 1-based
    int column = 0; // 1-based; 0 = whole line
    Kind kind = Kind::Error;
    QString message;
};

class CodeEditor : public QsciScintilla {
    Q_OBJECT
public:
    static constexpr int kBreakpointMargin = 1;
    static constexpr int kBreakpointMarker = 1;

    explicit CodeEditor(QWidget* parent = nullptr);

    bool openFile(const QString& path, QString* error);
    bool save(QString* error);
    bool revert(QString* error);
    QString filePath() const { return m_path; }
    QString displayName() const;

    // True when the file on disk no longer holds what this editor last loaded or saved.
    bool diskDiffersFromLastSync() const;

    void goToLine(int line); // 1-based, clamped to the document
    int currentLineNumber() const; // 1-based

    bool find(const QString& text, FindDirection direction, CaseSensitivity cs);
    bool replaceCurrent(const QString& text, const QString& replacement, CaseSensitivity cs);
    int replaceAll(const QString& text, const QString& replacement, CaseSensitivity cs);

    QList<int> breakpointLines() const; // 1-based, ascending
    void setBreakpointLines(const QList<int>& lines);
    void toggleBreakpoint(int line); // 1-based

    void setDiagnostics(const QList<EditorDiagnostic>& diagnostics);
    void clearDiagnostics();

    void applyPalette(const QPalette& palette);

signals:
    void breakpointsChanged();

private:
    void setupMargins();
    void setupLexer();
    void onMarginClicked(int margin, int line, Qt::KeyboardModifiers modifiers);
    void updateLineNumberWidth();

    QString m_path;
    QByteArray m_lastSyncedHash;
};

} // namespace Keel::Studio
