// PanicSymbolizer: a kernel panic prints its stack trace as raw addresses (release images carry
// no symbols); this resolves them on the host with `addr2line -e <unstripped image>`.
//
//   QStringList lines = Keel::PanicSymbolizer::annotate(serialText, result.unstrippedPath);
//   // "  #1  0x0000000000101234 — main at /p/src/main.cpp:12"
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Keel::PanicSymbolizer {

struct Frame {
    int index = 0;
    quint64 address = 0;
    QString line; // the frame's line as the kernel printed it
};

// The "#N 0x…" frames of the last "KERNEL PANIC" report in text; empty when there is none.
QList<Frame> parseFrames(const QString &text);
// Each frame's line with " — function at file:line" appended where addr2line knows it; empty
// when addr2line is unavailable or there is nothing to resolve.
QStringList annotate(const QString &text, const QString &unstrippedImage);

} // namespace Keel::PanicSymbolizer
