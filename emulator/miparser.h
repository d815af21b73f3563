// MiParser: GDB/MI output (gdb --interpreter=mi3) → MiRecord, a pure function of bytes. It knows
// the MI output grammar only; what the records mean is GdbSession's business.
//
//   Keel::MiParser parser;
//   for (const Keel::MiRecord &record : parser.feed(process.readAllStandardOutput())) handle(record);
//   for (const QString &error : parser.takeErrors()) warn(error);   // malformed lines, skipped
//
//   auto record = Keel::MiParser::parseLine("5^done,value=\"1\"", &error);
#pragma once

#include "mirecord.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

namespace Keel {

class MiParser
{
public:
    // Larger than any reply seen here (a mixed-mode disassembly of a function is ~30 KiB); a
    // longer line is dropped with an error instead of growing without bound.
    static constexpr qsizetype kMaxLineLength = 16 * 1024 * 1024;
    // Deeper nesting than gdb ever emits means garbage; refusing it keeps the recursion bounded.
    static constexpr int kMaxDepth = 64;

    // One line without its line ending. nullopt and *error set when it is not MI output.
    static std::optional<MiRecord> parseLine(QByteArrayView line, QString *error = nullptr);

    // Appends bytes and returns the records of every line they complete; malformed lines are
    // skipped and reported through takeErrors().
    QList<MiRecord> feed(QByteArrayView bytes);
    // Parses what is left without a final newline (gdb died mid-line).
    QList<MiRecord> flush();
    QStringList takeErrors();
    bool hasPartialLine() const { return !m_partial.isEmpty(); }

private:
    void parseInto(QByteArrayView line, QList<MiRecord> &records);

    QByteArray m_partial;
    bool m_discarding = false;
    QStringList m_errors;
};

} // namespace Keel
