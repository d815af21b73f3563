// Line editing for keel::keyboard::readLine (see lineeditor.h).
#include "keyboard/lineeditor.h"

namespace keel::keyboard {

LineEditor::LineEditor(ktl::Span<char> buffer, ktl::OutputSink& echo)
    : m_buffer(buffer)
    , m_echo(echo)
{
    if (!m_buffer.isEmpty())
        m_buffer[0] = '\0';
}

bool LineEditor::feed(const KeyEvent& event)
{
    if (!event.isPressed())
        return false;
    switch (event.key) {
    case Key::Enter:
        m_echo.write("\n");
        return true;
    case Key::Backspace:
        erase();
        return false;
    case Key::Character:
        break;
    default:
        return false;
    }
    // Ctrl+letter is a command, not text; the one Keel knows is Ctrl+U (erase the line).
    if (event.hasCtrl()) {
        if (event.character == 'u' || event.character == 'U') {
            while (m_length > 0)
                erase();
        }
        return false;
    }
    if (m_length + 1 >= m_buffer.size())
        return false;
    m_buffer[m_length++] = event.character;
    m_buffer[m_length] = '\0';
    char echo[1] = {event.character};
    m_echo.write(ktl::StringView(echo, 1));
    return false;
}

void LineEditor::erase()
{
    if (m_length == 0)
        return;
    m_buffer[--m_length] = '\0';
    m_echo.write("\b \b");
}

} // namespace keel::keyboard
