#include "historyschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Keel::Studio::HistorySchema {

const QList<QStringList>& migrations()
{
    static const QList<QStringList> kMigrations = {
        // 1: projects, builds with per-feature sizes, runs.
        {
            "CREATE TABLE projects (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
            " name TEXT NOT NULL, last_opened INTEGER NOT NULL)",
            "CREATE TABLE builds (id INTEGER PRIMARY KEY,"
            " project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
            " started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, profile TEXT NOT NULL,"
            " result TEXT NOT NULL, image_size INTEGER NOT NULL)",
            "CREATE TABLE build_features (build_id INTEGER NOT NULL REFERENCES builds(id)"
            " ON DELETE CASCADE, feature TEXT NOT NULL, size INTEGER NOT NULL,"
            " PRIMARY KEY (build_id, feature))",
            "CREATE TABLE runs (id INTEGER PRIMARY KEY,"
            " project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
            " build_id INTEGER REFERENCES builds(id) ON DELETE SET NULL,"
            " started_at INTEGER NOT NULL, boot_ms INTEGER, exit_status INTEGER,"
            " duration_ms INTEGER NOT NULL)",
            "CREATE INDEX builds_by_project ON builds(project_id, started_at)",
            "CREATE INDEX runs_by_project ON runs(project_id, started_at)",
        },
        // 2: the machine a run booted on, so boot times are compared like with like.
        {
            "ALTER TABLE runs ADD COLUMN machine TEXT NOT NULL DEFAULT ''",
        },
    };
    return kMigrations;
}

int latestVersion()
{
    return int(migrations().size());
}

int version(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec("PRAGMA user_version") || !query.next())
        return -1;
    return query.value(0).toInt();
}

static bool applyOne(QSqlDatabase& db, int toVersion, QString* error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    QStringList statements = migrations().at(toVersion - 1);
    statements << QStringLiteral("PRAGMA user_version = %1").arg(toVersion);
    for (const QString& sql : statements) {
        if (!query.exec(sql)) {
            *error = QStringLiteral("migration to schema %1 failed on \"%2\": %3")
                         .arg(toVersion)
                         .arg(sql, query.lastError().text());
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

bool migrate(QSqlDatabase& db, int targetVersion, QString* error)
{
    int current = version(db);
    if (current < 0) {
        *error = QStringLiteral("cannot read the schema version: %1").arg(db.lastError().text());
        return false;
    }
    if (current > latestVersion()) {
        *error = QStringLiteral("the database has schema %1 but this Keel Studio knows only up "
                                "to %2; use a newer Keel Studio or move the file away")
                     .arg(current)
                     .arg(latestVersion());
        return false;
    }
    for (int next = current + 1; next <= targetVersion; ++next) {
        if (!applyOne(db, next, error))
            return false;
    }
    return true;
}

} // namespace Keel::Studio::HistorySchema
