// Compiler and linker output turned into Diagnostics the CLI prints and the IDE jumps to.
#include "diagnosticparser.h"

#include <gtest/gtest.h>

using namespace Keel;

TEST(DiagnosticParser, GccJsonWithFixitsAndNotes)
{
    // Shape recorded from GCC 12 with -fdiagnostics-format=json.
    const QByteArray json = R"([{"kind": "error", "children": [{"kind": "note", "locations": [{"caret": {"file": "src/main.cpp", "line": 1, "display-column": 5, "byte-column": 5, "column": 5}}], "message": "declared here"}], "column-origin": 1, "locations": [{"caret": {"file": "src/main.cpp", "line": 4, "display-column": 12, "byte-column": 12, "column": 12}, "finish": {"file": "src/main.cpp", "line": 4, "display-column": 14, "byte-column": 14, "column": 14}}], "fixits": [{"start": {"file": "src/main.cpp", "line": 4, "display-column": 12, "byte-column": 12, "column": 12}, "next": {"file": "src/main.cpp", "line": 4, "display-column": 15, "byte-column": 15, "column": 15}, "string": "foo"}], "escape-source": false, "message": "'fo' was not declared in this scope; did you mean 'foo'?"}, {"kind": "warning", "option": "-Wunused-variable", "locations": [{"caret": {"file": "/abs/x.cpp", "line": 2, "column": 9}}], "message": "unused variable 'x'"}])";
    const Diagnostics d = DiagnosticParser::parseGccJson(json, "/proj");
    ASSERT_EQ(d.size(), 3);
    EXPECT_EQ(d[0].render(), "/proj/src/main.cpp:4:12: error: 'fo' was not declared in this scope; did you mean 'foo'?");
    ASSERT_EQ(d[0].fixits.size(), 1);
    EXPECT_EQ(d[0].fixits[0].replacement, "foo");
    EXPECT_EQ(d[0].fixits[0].endColumn, 15);
    EXPECT_EQ(d[1].severity, Severity::Note);
    EXPECT_EQ(d[1].line, 1);
    EXPECT_EQ(d[2].render(), "/abs/x.cpp:2:9: warning: unused variable 'x' [-Wunused-variable]");
    EXPECT_TRUE(DiagnosticParser::parseGccJson("[]", "/").isEmpty());
    EXPECT_TRUE(DiagnosticParser::parseGccJson("garbage", "/").isEmpty());
}

TEST(DiagnosticParser, TextLinesFromToolsAndLinker)
{
    Diagnostic d;
    ASSERT_TRUE(DiagnosticParser::parseTextLine("src/a.cpp:3:7: error: expected ';'", &d));
    EXPECT_EQ(d.file, "src/a.cpp");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 7);
    EXPECT_EQ(d.severity, Severity::Error);
    ASSERT_TRUE(DiagnosticParser::parseTextLine(
        "main.cpp:(.text.main+0x5): undefined reference to `foo()'", &d));
    EXPECT_EQ(d.file, "main.cpp");
    EXPECT_EQ(d.message, "undefined reference to `foo()'");
    ASSERT_TRUE(DiagnosticParser::parseTextLine("ld: cannot find obj/x.o: No such file or directory", &d));
    EXPECT_EQ(d.severity, Severity::Error);
    EXPECT_FALSE(DiagnosticParser::parseTextLine("ld: obj/app/main.o: in function `main':", &d));
    EXPECT_FALSE(DiagnosticParser::parseTextLine("[keel 1/3] CXX obj/app/main.o", &d));
}
