#include "codeeditor.h"
#include "editortheme.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerproperties.h>

namespace Keel::Studio {

namespace {

constexpr int kDiagnosticIndicator = 8;
constexpr int kWarningIndicator = 9;

QByteArray hashOf(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
}

bool isCppFile(const QString& path)
{
    static const QStringList kSuffixes = {"cpp", "cc", "cxx", "c", "h", "hpp", "hh", "inl", "S"};
    return kSuffixes.contains(QFileInfo(path).suffix());
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setEolMode(EolUnix);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setTabWidth(4);
    setAutoIndent(true);
    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    // Grow the horizontal scroll range with the longest line instead of a fixed 2000 px.
    setScrollWidth(1);
    setScrollWidthTracking(true);
    setAnnotationDisplay(AnnotationBoxed);
    setupMargins();
    indicatorDefine(SquiggleIndicator, kDiagnosticIndicator);
    indicatorDefine(SquiggleIndicator, kWarningIndicator);
    setIndicatorForegroundColor(QColor(220, 50, 47), kDiagnosticIndicator);
    setIndicatorForegroundColor(QColor(203, 145, 22), kWarningIndicator);
    connect(this, &QsciScintilla::marginClicked, this, &CodeEditor::onMarginClicked);
    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberWidth);
}

void CodeEditor::setupMargins()
{
    setMarginType(0, NumberMargin);
    setMarginLineNumbers(0, true);
    updateLineNumberWidth();
    setMarginType(kBreakpointMargin, SymbolMargin);
    setMarginWidth(kBreakpointMargin, 16);
    setMarginSensitivity(kBreakpointMargin, true);
    setMarginMarkerMask(kBreakpointMargin, 1 << kBreakpointMarker);
    markerDefine(Circle, kBreakpointMarker);
    setMarkerBackgroundColor(QColor(220, 50, 47), kBreakpointMarker);
    setMarkerForegroundColor(QColor(160, 30, 30), kBreakpointMarker);
}

void CodeEditor::updateLineNumberWidth()
{
    setMarginWidth(0, QStringLiteral("0%1").arg(qMax(lines(), 100)));
}

void CodeEditor::setupLexer()
{
    QsciLexer* old = lexer();
    if (isCppFile(m_path))
        setLexer(new QsciLexerCPP(this));
    else if (QFileInfo(m_path).suffix() == QLatin1String("toml"))
        setLexer(new QsciLexerProperties(this)); // keys, = values, [sections] and # comments
    else
        setLexer(nullptr);
    delete old;
    applyPalette(palette());
}

void CodeEditor::applyPalette(const QPalette& palette)
{
    EditorTheme::apply(this, palette);
}

QString CodeEditor::displayName() const
{
    return m_path.isEmpty() ? tr("untitled") : QFileInfo(m_path).fileName();
}

bool CodeEditor::openFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot open: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    m_path = QFileInfo(path).absoluteFilePath();
    setupLexer();
    setText(QString::fromUtf8(bytes));
    m_lastSyncedHash = hashOf(bytes);
    setModified(false);
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    return true;
}

bool CodeEditor::save(QString* error)
{
    // QSaveFile writes a temporary file and renames it over the target only when every byte
    // is written, so a crash or full disk never leaves half a source file behind.
    QSaveFile file(m_path);
    const QByteArray bytes = text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: cannot save: %2. Check the folder's permissions and free space.")
                     .arg(m_path, file.errorString());
        return false;
    }
    m_lastSyncedHash = hashOf(bytes);
    setModified(false);
    return true;
}

bool CodeEditor::revert(QString* error)
{
    const QList<int> breakpoints = breakpointLines();
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    if (!openFile(m_path, error))
        return false;
    setBreakpointLines(breakpoints);
    setCursorPosition(qMin(line, lines() - 1), 0);
    return true;
}

bool CodeEditor::diskDiffersFromLastSync() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    return hashOf(file.readAll()) != m_lastSyncedHash;
}

void CodeEditor::goToLine(int line)
{
    const int target = qBound(0, line - 1, qMax(0, lines() - 1));
    setCursorPosition(target, 0);
    ensureLineVisible(target);
    setFocus();
}

int CodeEditor::currentLineNumber() const
{
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    return line + 1;
}

bool CodeEditor::find(const QString& text, FindDirection direction, CaseSensitivity cs)
{
    if (text.isEmpty())
        return false;
    const bool forward = direction == FindDirection::Forward;
    int line = -1, index = -1;
    if (!forward && hasSelectedText()) {
        // Searching backwards starts at the cursor, which sits after the current match.
        int lineTo = 0, indexTo = 0;
        getSelection(&line, &index, &lineTo, &indexTo);
    }
    return findFirst(
        text, false, cs == CaseSensitivity::Sensitive, false, true, forward, line, index);
}

bool CodeEditor::replaceCurrent(const QString& text, const QString& replacement, CaseSensitivity cs)
{
    const Qt::CaseSensitivity qcs
        = cs == CaseSensitivity::Sensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (!hasSelectedText() || selectedText().compare(text, qcs) != 0)
        return find(text, FindDirection::Forward, cs);
    replaceSelectedText(replacement);
    find(text, FindDirection::Forward, cs);
    return true;
}

int CodeEditor::replaceAll(const QString& text, const QString& replacement, CaseSensitivity cs)
{
    if (text.isEmpty())
        return 0;
    int count = 0;
    beginUndoAction();
    // Start at the top without wrapping so each occurrence is visited exactly once, even when
    // the replacement contains the search text.
    bool found = findFirst(text, false, cs == CaseSensitivity::Sensitive, false, false, true, 0, 0);
    while (found) {
        replace(replacement);
        ++count;
        found = findNext();
    }
    endUndoAction();
    return count;
}

QList<int> CodeEditor::breakpointLines() const
{
    QList<int> result;
    const unsigned mask = 1u << kBreakpointMarker;
    for (int line = markerFindNext(0, mask); line >= 0; line = markerFindNext(line + 1, mask))
        result.append(line + 1);
    return result;
}

void CodeEditor::setBreakpointLines(const QList<int>& lines)
{
    markerDeleteAll(kBreakpointMarker);
    for (int line : lines) {
        if (line >= 1 && line <= this->lines())
            markerAdd(line - 1, kBreakpointMarker);
    }
    emit breakpointsChanged();
}

void CodeEditor::toggleBreakpoint(int line)
{
    if (markersAtLine(line - 1) & (1u << kBreakpointMarker))
        markerDelete(line - 1, kBreakpointMarker);
    else
        markerAdd(line - 1, kBreakpointMarker);
    emit breakpointsChanged();
}

void CodeEditor::onMarginClicked(int margin, int line, Qt::KeyboardModifiers)
{
    if (margin == kBreakpointMargin || margin == 0)
        toggleBreakpoint(line + 1);
}

void CodeEditor::setDiagnostics(const QList<EditorDiagnostic>& diagnostics)
{
    clearDiagnostics();
    for (const EditorDiagnostic& d : diagnostics) {
        const int line = d.line - 1;
        if (line < 0 || line >= lines())
            continue;
        const bool error = d.kind == EditorDiagnostic::Kind::Error;
        const QString prefix = error                    ? tr("error: ")
            : d.kind == EditorDiagnostic::Kind::Warning ? tr("warning: ")
                                                        : tr("note: ");
        const QString existing = annotation(line);
        annotate(line,
            existing.isEmpty() ? prefix + d.message : existing + '\n' + prefix + d.message,
            EditorTheme::annotationStyle(d.kind));
        // Squiggle from the column to the end of the line: GCC gives a caret, not a range.
        const int from = d.column > 0 ? d.column - 1 : 0;
        fillIndicatorRange(line, qMin(from, text(line).size()), line, text(line).size(),
            error ? kDiagnosticIndicator : kWarningIndicator);
    }
}

void CodeEditor::clearDiagnostics()
{
    clearAnnotations();
    const int last = qMax(0, lines() - 1);
    clearIndicatorRange(0, 0, last, text(last).size(), kDiagnosticIndicator);
    clearIndicatorRange(0, 0, last, text(last).size(), kWarningIndicator);
}

} // namespace Keel::Studio
