#include "editortheme.h"
#include "studiosettings.h"

#include <QFontDatabase>
#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerproperties.h>

namespace Keel::Studio::EditorTheme {

namespace {

struct Colors {
    QColor paper, text, caretLine, margin, marginText, comment, keyword, string, number,
        preprocessor, matchedBrace;
};

const Colors& colorsFor(Scheme scheme)
{
    static const Colors kLight {QColor("#ffffff"), QColor("#1f2328"), QColor("#f3f6fa"),
        QColor("#f0f0f0"), QColor("#8c959f"), QColor("#6a737d"), QColor("#0550ae"),
        QColor("#0a3069"), QColor("#953800"), QColor("#8250df"), QColor("#c8e1ff")};
    static const Colors kDark {QColor("#1e1f22"), QColor("#d4d4d4"), QColor("#2a2c31"),
        QColor("#25262a"), QColor("#6e7681"), QColor("#7f8c98"), QColor("#569cd6"),
        QColor("#ce9178"), QColor("#b5cea8"), QColor("#c586c0"), QColor("#3a4a5e")};
    return scheme == Scheme::Dark ? kDark : kLight;
}

void colorCpp(QsciLexerCPP* lexer, const Colors& c)
{
    for (int style : {QsciLexerCPP::Comment, QsciLexerCPP::CommentLine, QsciLexerCPP::CommentDoc,
             QsciLexerCPP::CommentLineDoc})
        lexer->setColor(c.comment, style);
    lexer->setColor(c.keyword, QsciLexerCPP::Keyword);
    lexer->setColor(c.keyword, QsciLexerCPP::KeywordSet2);
    for (int style : {QsciLexerCPP::DoubleQuotedString, QsciLexerCPP::SingleQuotedString,
             QsciLexerCPP::RawString})
        lexer->setColor(c.string, style);
    lexer->setColor(c.number, QsciLexerCPP::Number);
    lexer->setColor(c.preprocessor, QsciLexerCPP::PreProcessor);
    lexer->setColor(c.text, QsciLexerCPP::Operator);
    lexer->setColor(c.text, QsciLexerCPP::Identifier);
}

void colorProperties(QsciLexerProperties* lexer, const Colors& c)
{
    lexer->setColor(c.comment, QsciLexerProperties::Comment);
    lexer->setColor(c.keyword, QsciLexerProperties::Section);
    lexer->setColor(c.preprocessor, QsciLexerProperties::Key);
    lexer->setColor(c.text, QsciLexerProperties::Assignment);
    lexer->setColor(c.string, QsciLexerProperties::Default);
}

void colorLexer(QsciLexer* lexer, const Colors& c)
{
    const QFont font = StudioSettings::editorFont();
    lexer->setDefaultFont(font);
    lexer->setFont(font, -1);
    lexer->setDefaultPaper(c.paper);
    lexer->setPaper(c.paper, -1);
    lexer->setDefaultColor(c.text);
    lexer->setColor(c.text, -1);
    if (auto* cpp = qobject_cast<QsciLexerCPP*>(lexer))
        colorCpp(cpp, c);
    else if (auto* properties = qobject_cast<QsciLexerProperties*>(lexer))
        colorProperties(properties, c);
}

} // namespace

Scheme schemeFor(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? Scheme::Dark : Scheme::Light;
}

void apply(QsciScintilla* editor, const QPalette& palette)
{
    const Colors& c = colorsFor(schemeFor(palette));
    if (QsciLexer* lexer = editor->lexer()) {
        colorLexer(lexer, c);
    } else {
        editor->setFont(StudioSettings::editorFont());
        editor->setPaper(c.paper);
        editor->setColor(c.text);
    }
    editor->setCaretForegroundColor(c.text);
    editor->setCaretLineBackgroundColor(c.caretLine);
    editor->setMarginsBackgroundColor(c.margin);
    editor->setMarginsForegroundColor(c.marginText);
    editor->setFoldMarginColors(c.margin, c.margin);
    editor->setMatchedBraceBackgroundColor(c.matchedBrace);
    editor->setMatchedBraceForegroundColor(c.text);
    editor->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    editor->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
}

const QsciStyle& annotationStyle(EditorDiagnostic::Kind kind)
{
    static const QsciStyle kError(-1, QStringLiteral("error annotation"), QColor("#82071e"),
        QColor("#ffebe9"), QFontDatabase::systemFont(QFontDatabase::FixedFont));
    static const QsciStyle kWarning(-1, QStringLiteral("warning annotation"), QColor("#7d4e00"),
        QColor("#fff8c5"), QFontDatabase::systemFont(QFontDatabase::FixedFont));
    static const QsciStyle kNote(-1, QStringLiteral("note annotation"), QColor("#0550ae"),
        QColor("#ddf4ff"), QFontDatabase::systemFont(QFontDatabase::FixedFont));
    switch (kind) {
    case EditorDiagnostic::Kind::Error:
        return kError;
    case EditorDiagnostic::Kind::Warning:
        return kWarning;
    case EditorDiagnostic::Kind::Note:
        return kNote;
    }
    return kNote;
}

} // namespace Keel::Studio::EditorTheme
