// What a user sees fail here: a CPU exception in their app (division by zero, a bad pointer, an
// invalid instruction, ...) hangs the VM, reboots it, or panics with the wrong reason - e.g. a
// page fault without its address or without saying whether it was a read, a write or a jump,
// or a general-protection fault without its error code.
//
// Each case boots tests/integration/apps/exceptions with the case's name as argument. (#SS is
// not among them: QEMU's TCG raises #GP for a non-canonical stack access.)

#include "testproject.h"

#include <gtest/gtest.h>

#include <memory>

namespace {

struct ExceptionCase {
    const char* argument;
    const char* panicText; // part of the "KERNEL PANIC: ..." line
};

void PrintTo(const ExceptionCase& c, std::ostream* out)
{
    *out << c.argument;
}

class CpuExceptions : public ::testing::TestWithParam<ExceptionCase> {
protected:
    static void SetUpTestSuite()
    {
        s_project = std::make_unique<TestProject>("hello");
        s_project->useApp("exceptions");
        auto build = s_project->keel("build");
        s_built = build.exitCode == 0;
        s_buildOutput = build.output;
    }
    static void TearDownTestSuite() { s_project.reset(); }

    static std::unique_ptr<TestProject> s_project;
    static bool s_built;
    static std::string s_buildOutput;
};

std::unique_ptr<TestProject> CpuExceptions::s_project;
bool CpuExceptions::s_built = false;
std::string CpuExceptions::s_buildOutput;

TEST_P(CpuExceptions, PanicNamesTheException)
{
    ASSERT_TRUE(s_built) << s_buildOutput;
    const ExceptionCase& c = GetParam();
    auto run = s_project->keel(std::string("run --headless --machine microvm --memory 16M --timeout 60 --cmdline ")
        + c.argument);
    EXPECT_EQ(run.exitCode, 101) << run.output;
    size_t panic = run.output.find("KERNEL PANIC: ");
    ASSERT_NE(panic, std::string::npos) << run.output;
    std::string reason = run.output.substr(panic, run.output.find('\n', panic) - panic);
    EXPECT_NE(reason.find(c.panicText), std::string::npos) << "expected '" << c.panicText << "'\n" << run.output;
    EXPECT_EQ(run.output.find("returned"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(Vectors, CpuExceptions,
    ::testing::Values(ExceptionCase {"de", "divide error (exception 0, error code 0x0)"},
        ExceptionCase {"db", "debug (exception 1, error code 0x0)"},
        ExceptionCase {"bp", "breakpoint (exception 3, error code 0x0)"},
        ExceptionCase {"ud", "invalid opcode (exception 6, error code 0x0)"},
        ExceptionCase {"gp-selector", "general protection fault (exception 13, error code 0x1000)"},
        ExceptionCase {"gp-noncanonical", "general protection fault (exception 13, error code 0x0)"},
        ExceptionCase {"pf-read", "page fault at 0x0000000040000000 (read, page not present)"},
        ExceptionCase {"pf-write", "page fault at 0x0000000040000000 (write, page not present)"},
        ExceptionCase {"pf-exec", "(instruction fetch, protection violation) - data is not executable"}),
    [](const ::testing::TestParamInfo<ExceptionCase>& info) {
        std::string name = info.param.argument;
        for (char& c : name)
            c = c == '-' ? '_' : c;
        return name;
    });

} // namespace
