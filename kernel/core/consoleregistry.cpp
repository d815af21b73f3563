#include "core/consoleregistry.h"

#include <keel/print.h>

namespace keel {
namespace {

ktl::OutputSink* s_consoles[ConsoleRegistry::kMaxConsoles];
int s_consoleCount;

class FanOutSink final : public ktl::OutputSink {
public:
    void write(ktl::StringView text) override { ConsoleRegistry::write(text); }
};

constinit FanOutSink s_fanOut;

} // namespace

bool ConsoleRegistry::add(ktl::OutputSink& console)
{
    if (s_consoleCount == kMaxConsoles)
        return false;
    s_consoles[s_consoleCount++] = &console;
    return true;
}

int ConsoleRegistry::count()
{
    return s_consoleCount;
}

void ConsoleRegistry::write(ktl::StringView text)
{
    for (int i = 0; i < s_consoleCount; ++i)
        s_consoles[i]->write(text);
}

ktl::OutputSink& consoleOutput()
{
    return s_fanOut;
}

} // namespace keel
