// Breakpoint lines per file, kept in the project's .keel/studio.json so they survive restarts
// and travel with the project. Files are stored relative to the project folder.
//
//   Keel::Studio::BreakpointStore store("/home/me/hello");
//   store.setLines("/home/me/hello/src/main.cpp", {12, 30});   // writes the file
//   store.lines("/home/me/hello/src/main.cpp");                // {12, 30}
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace Keel::Studio {

class BreakpointStore {
public:
    explicit BreakpointStore(const QString& projectDir = {});

    QString projectDir() const { return m_projectDir; }
    QString storagePath() const; // <project>/.keel/studio.json

    QList<int> lines(const QString& filePath) const;
    bool setLines(const QString& filePath, const QList<int>& lines); // saves at once

private:
    void load();
    bool save() const;
    QString relative(const QString& filePath) const;

    QString m_projectDir;
    QHash<QString, QList<int>> m_lines;
};

} // namespace Keel::Studio
