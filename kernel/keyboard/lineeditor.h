// Collects one line of typed text into a caller's buffer, echoing as a terminal would: typed
// characters appear, Backspace erases the last one ("\b \b"), Enter ends the line ("\n").
// The line stays NUL-terminated, so the buffer needs one byte more than the longest line.
//
//     char buffer[80];
//     keel::keyboard::LineEditor editor(buffer, console);
//     while (!editor.feed(nextKeyEvent())) { }
//     ktl::StringView line = editor.line();
#pragma once

#include "keyboard/keyevent.h"

#include <ktl/format.h>
#include <ktl/span.h>

namespace keel::keyboard {

class LineEditor {
public:
    LineEditor(ktl::Span<char> buffer, ktl::OutputSink& echo);

    // Takes one key event; true once Enter has ended the line. Releases, non-typing keys and
    // characters that do not fit are ignored (nothing is echoed for them).
    bool feed(const KeyEvent& event);

    ktl::StringView line() const { return {m_buffer.data(), m_length}; }

private:
    void erase();

    ktl::Span<char> m_buffer;
    ktl::OutputSink& m_echo;
    size_t m_length = 0;
};

} // namespace keel::keyboard
