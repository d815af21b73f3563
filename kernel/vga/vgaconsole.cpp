// The VGA text screen as a console: keel::print writes here as well as to serial once the
// `early` init step has run, and keel/vga.h gives apps colours and placement.
#include "arch/x86_64/io.h"
#include "core/consoleregistry.h"
#include "core/init.h"
#include "vga/crtccursor.h"

#include <keel/vga.h>

namespace keel::vga {
namespace {

constexpr uptr kTextBuffer = 0xb8000;
constexpr u16 kCrtcPorts = 0x3d4; // colour mode; mono adapters use 0x3b4

class VgaConsole final : public ktl::OutputSink {
public:
    void attach() { m_screen.attach(reinterpret_cast<u16*>(kTextBuffer)); }

    void write(ktl::StringView text) override
    {
        m_screen.write(text);
        syncCursor();
    }
    TextConsole& screen() { return m_screen; }
    void showCursor() { m_cursor.show(); }
    bool isPresent() { return m_cursor.isPresent(); }

    void syncCursor()
    {
        int column = m_screen.column() < kColumns ? m_screen.column() : kColumns - 1;
        m_cursor.moveTo(u16(m_screen.row() * kColumns + column));
    }

private:
    TextConsole m_screen {nullptr, kColumns, kRows};
    CrtcCursor<io::PortIoWindow> m_cursor {io::PortIoWindow(kCrtcPorts)};
};

bool s_present;
// constinit: a constructor in .init_array would run after the init steps and reset the screen.
constinit VgaConsole s_console;

// Without a VGA adapter the console stays unregistered and the keel::vga calls do nothing:
// on such machines (microvm) 0xB8000 may be ordinary RAM that the page allocator hands out.
void initialiseVgaConsole()
{
    s_present = s_console.isPresent();
    if (!s_present)
        return;
    s_console.attach();
    s_console.screen().clear();
    s_console.showCursor();
    s_console.syncCursor();
    ConsoleRegistry::add(s_console);
}

} // namespace

bool isAvailable()
{
    return s_present;
}

void clear()
{
    if (!s_present)
        return;
    s_console.screen().clear();
    s_console.syncCursor();
}

void setColour(Colour foreground, Colour background)
{
    if (!s_present)
        return;
    s_console.screen().setColour(foreground, background);
}

void putAt(int column, int row, char character)
{
    if (!s_present)
        return;
    s_console.screen().putAt(column, row, character, s_console.screen().attribute());
}

void putAt(int column, int row, char character, Colour foreground, Colour background)
{
    if (!s_present)
        return;
    s_console.screen().putAt(column, row, character, makeAttribute(foreground, background));
}

void moveCursor(int column, int row)
{
    if (!s_present)
        return;
    s_console.screen().moveTo(column, row);
    s_console.syncCursor();
}

int cursorColumn()
{
    return s_console.screen().column();
}

int cursorRow()
{
    return s_console.screen().row();
}

void write(ktl::StringView text)
{
    if (!s_present)
        return;
    s_console.write(text);
}

} // namespace keel::vga

KEEL_INIT(early, keel::vga::initialiseVgaConsole);
