// AnsiText: splits guest terminal output into runs of text with the colour its ANSI SGR escape
// sequences (ESC [ … m) selected; other CSI sequences are dropped. State carries over between
// calls, so an escape split across two serial reads still applies. Pure: bytes in, runs out.
//
//   Keel::AnsiText ansi;
//   for (const Keel::AnsiRun &run : ansi.feed(u"\x1b[31mred\x1b[0m plain"_s)) show(run);
#pragma once

#include <QList>
#include <QString>

namespace Keel {

struct AnsiRun {
    static constexpr int kDefaultColour = -1;
    QString text;
    int colour = kDefaultColour; // 0–7 normal, 8–15 bright (SGR 30–37 / 90–97)
    bool bold = false;
};

class AnsiText
{
public:
    QList<AnsiRun> feed(const QString &text);

private:
    void applySgr(const QString &parameters);
    void flushRun(QList<AnsiRun> &runs);

    enum class Mode { Text, Escape, Csi };
    Mode m_mode = Mode::Text;
    QString m_parameters;
    QString m_text;
    int m_colour = AnsiRun::kDefaultColour;
    bool m_bold = false;
};

} // namespace Keel
