#include "breakpointstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Keel::Studio {

BreakpointStore::BreakpointStore(const QString& projectDir)
    : m_projectDir(projectDir.isEmpty() ? QString() : QDir(projectDir).absolutePath())
{
    load();
}

QString BreakpointStore::storagePath() const
{
    return m_projectDir + QStringLiteral("/.keel/studio.json");
}

QString BreakpointStore::relative(const QString& filePath) const
{
    return QDir(m_projectDir).relativeFilePath(filePath);
}

QList<int> BreakpointStore::lines(const QString& filePath) const
{
    return m_lines.value(relative(filePath));
}

bool BreakpointStore::setLines(const QString& filePath, const QList<int>& lines)
{
    if (m_projectDir.isEmpty())
        return false;
    if (m_lines.value(relative(filePath)) == lines)
        return true; // unchanged: do not create or rewrite studio.json for nothing
    if (lines.isEmpty())
        m_lines.remove(relative(filePath));
    else
        m_lines.insert(relative(filePath), lines);
    return save();
}

void BreakpointStore::load()
{
    QFile file(storagePath());
    if (m_projectDir.isEmpty() || !file.open(QIODevice::ReadOnly))
        return;
    // Other tools may add keys to studio.json later; only "breakpoints" belongs to us.
    const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject breakpoints = all.value(QLatin1String("breakpoints")).toObject();
    for (auto it = breakpoints.begin(); it != breakpoints.end(); ++it) {
        QList<int> lines;
        for (const QJsonValue& line : it.value().toArray())
            lines.append(line.toInt());
        m_lines.insert(it.key(), lines);
    }
}

bool BreakpointStore::save() const
{
    QJsonObject all;
    QFile existing(storagePath());
    if (existing.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(existing.readAll()).object();
    QJsonObject breakpoints;
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        QJsonArray lines;
        for (int line : it.value())
            lines.append(line);
        breakpoints.insert(it.key(), lines);
    }
    all.insert(QLatin1String("breakpoints"), breakpoints);
    QDir().mkpath(m_projectDir + QStringLiteral("/.keel"));
    QSaveFile file(storagePath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(all).toJson());
    return file.commit();
}

} // namespace Keel::Studio
