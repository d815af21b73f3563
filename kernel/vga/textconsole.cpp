// Text console screen logic (see textconsole.h); the cell format is VGA's (IBM VGA Technical
// Reference, "Alphanumeric Modes": character byte, then attribute byte).
#include "vga/textconsole.h"

namespace keel::vga {

void TextConsole::setColour(Colour foreground, Colour background)
{
    m_attribute = makeAttribute(foreground, background);
}

void TextConsole::clear()
{
    for (int row = 0; row < m_rows; ++row)
        fillRow(row);
    m_column = 0;
    m_row = 0;
}

void TextConsole::moveTo(int column, int row)
{
    m_column = column < 0 ? 0 : (column >= m_columns ? m_columns - 1 : column);
    m_row = row < 0 ? 0 : (row >= m_rows ? m_rows - 1 : row);
}

void TextConsole::putAt(int column, int row, char character, u8 attribute)
{
    if (column < 0 || column >= m_columns || row < 0 || row >= m_rows)
        return;
    m_cells[row * m_columns + column] = makeCell(character, attribute);
}

void TextConsole::put(char character)
{
    switch (character) {
    case '\n':
        newLine();
        return;
    case '\r':
        m_column = 0;
        return;
    case '\t': {
        int stop = (m_column / kTabWidth + 1) * kTabWidth;
        while (m_column < stop && m_column < m_columns)
            put(' ');
        return;
    }
    case '\b':
        if (m_column > 0) {
            --m_column; // from a deferred wrap this lands on the last column
        } else if (m_row > 0) {
            --m_row;
            m_column = m_columns - 1;
        }
        return;
    default:
        if (m_column >= m_columns)
            newLine();
        putAt(m_column++, m_row, character, m_attribute);
    }
}

void TextConsole::write(ktl::StringView text)
{
    for (char character : text)
        put(character);
}

void TextConsole::newLine()
{
    m_column = 0;
    if (m_row + 1 < m_rows)
        ++m_row;
    else
        scrollUp();
}

void TextConsole::scrollUp()
{
    for (int i = 0; i < (m_rows - 1) * m_columns; ++i)
        m_cells[i] = m_cells[i + m_columns];
    fillRow(m_rows - 1);
}

void TextConsole::fillRow(int row)
{
    for (int column = 0; column < m_columns; ++column)
        m_cells[row * m_columns + column] = makeCell(' ', m_attribute);
}

} // namespace keel::vga
