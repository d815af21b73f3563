// Keel Studio's history: recent projects, builds and runs in SQLite (WAL, versioned schema).
// Qt Core + Sql only, so any non-widget layer can record into it.
//
//   Keel::Studio::HistoryStore store;                 // <AppDataLocation>/keel.db
//   QString error;
//   if (!store.open(&error)) warn(error);
//   store.touchProject("/home/me/hello", "hello");
//   store.addBuild(record);
#pragma once

#include "historyrecords.h"

#include <QString>
#include <optional>

class QSqlQuery;

namespace Keel::Studio {

class HistoryStore {
public:
    explicit HistoryStore(const QString& databasePath = defaultPath());
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    static QString defaultPath(); // QStandardPaths::AppDataLocation + "/keel.db"

    // Creates the folder and file if needed, turns on WAL and migrates to the latest schema.
    bool open(QString* error);
    bool isOpen() const;
    QString databasePath() const { return m_path; }
    int schemaVersion() const;
    QString lastError() const { return m_lastError; }

    bool touchProject(const QString& path, const QString& name,
        const QDateTime& when = QDateTime::currentDateTimeUtc());
    bool forgetProject(const QString& path);
    QList<RecentProject> recentProjects(int limit = 10) const;

    qint64 addBuild(const BuildRecord& build); // the new id, or 0 on failure
    QList<BuildRecord> builds(const QString& projectPath, int limit = 100) const; // newest first

    qint64 addRun(const RunRecord& run); // the new id, or 0 on failure
    QList<RunRecord> runs(const QString& projectPath, int limit = 100) const; // newest first

private:
    qint64 projectId(const QString& path) const;
    qint64 ensureProject(const QString& path);
    QList<FeatureSizeRecord> featureSizes(qint64 buildId) const;
    std::optional<QSqlQuery> projectQuery(
        const QString& sql, const QString& projectPath, int limit) const;
    bool fail(const QString& what) const;

    QString m_path;
    QString m_connection;
    mutable QString m_lastError;
};

} // namespace Keel::Studio
