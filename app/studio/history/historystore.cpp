#include "historystore.h"
#include "historyschema.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace Keel::Studio {

QString outcomeName(BuildOutcome outcome)
{
    switch (outcome) {
    case BuildOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case BuildOutcome::Failed:
        return QStringLiteral("failed");
    case BuildOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

BuildOutcome outcomeFromName(const QString& name)
{
    if (name == QLatin1String("succeeded"))
        return BuildOutcome::Succeeded;
    if (name == QLatin1String("cancelled"))
        return BuildOutcome::Cancelled;
    return BuildOutcome::Failed;
}

static qint64 toMs(const QDateTime& time)
{
    return time.toMSecsSinceEpoch();
}

static QDateTime fromMs(const QVariant& value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

static QVariant optionalValue(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

HistoryStore::HistoryStore(const QString& databasePath)
    : m_path(databasePath)
    , m_connection(QStringLiteral("keel-history-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

HistoryStore::~HistoryStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString HistoryStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/keel.db");
}

bool HistoryStore::fail(const QString& what) const
{
    m_lastError = what;
    return false;
}

bool HistoryStore::open(QString* error)
{
    QString dummy;
    error = error ? error : &dummy;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("%1: cannot create the folder; check its permissions").arg(m_path);
        return fail(*error);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        *error = QStringLiteral("%1: %2").arg(m_path, db.lastError().text());
        return fail(*error);
    }
    // WAL keeps the file consistent if the IDE is killed mid-write and lets readers proceed
    // while a build is being recorded; NORMAL sync is durable enough for history in WAL mode.
    QSqlQuery pragma(db);
    pragma.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    pragma.exec(QStringLiteral("PRAGMA busy_timeout = 2000"));
    QString why;
    if (!HistorySchema::migrate(db, HistorySchema::latestVersion(), &why)) {
        *error = QStringLiteral("%1: %2").arg(m_path, why);
        db.close();
        return fail(*error);
    }
    return true;
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

int HistoryStore::schemaVersion() const
{
    if (!isOpen())
        return -1;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    return HistorySchema::version(db);
}

qint64 HistoryStore::projectId(const QString& path) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT id FROM projects WHERE path = ?"));
    query.addBindValue(QDir::cleanPath(path));
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

qint64 HistoryStore::ensureProject(const QString& path)
{
    if (qint64 id = projectId(path))
        return id;
    if (!touchProject(path, QFileInfo(path).fileName()))
        return 0;
    return projectId(path);
}

bool HistoryStore::touchProject(const QString& path, const QString& name, const QDateTime& when)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO projects (path, name, last_opened) VALUES (?, ?, ?)"
                                 " ON CONFLICT(path) DO UPDATE SET name = excluded.name,"
                                 " last_opened = excluded.last_opened"));
    query.addBindValue(QDir::cleanPath(path));
    query.addBindValue(name);
    query.addBindValue(toMs(when));
    if (!query.exec())
        return fail(query.lastError().text());
    return true;
}

bool HistoryStore::forgetProject(const QString& path)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM projects WHERE path = ?"));
    query.addBindValue(QDir::cleanPath(path));
    if (!query.exec())
        return fail(query.lastError().text());
    return true;
}

QList<RecentProject> HistoryStore::recentProjects(int limit) const
{
    QList<RecentProject> result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "SELECT path, name, last_opened FROM projects ORDER BY last_opened DESC, id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        fail(query.lastError().text());
        return result;
    }
    while (query.next())
        result.append(
            {query.value(0).toString(), query.value(1).toString(), fromMs(query.value(2))});
    return result;
}

qint64 HistoryStore::addBuild(const BuildRecord& build)
{
    qint64 project = ensureProject(build.projectPath);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!project || !db.transaction())
        return fail(db.lastError().text()), 0;
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO builds (project_id, started_at, duration_ms, profile, result, image_size)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value : {QVariant(project), QVariant(toMs(build.startedAt)),
             QVariant(build.durationMs), QVariant(build.profile),
             QVariant(outcomeName(build.outcome)), QVariant(qint64(build.imageSize))})
        query.addBindValue(value);
    bool ok = query.exec();
    qint64 id = query.lastInsertId().toLongLong();
    QSqlQuery feature(db);
    feature.prepare(
        QStringLiteral("INSERT INTO build_features (build_id, feature, size) VALUES (?, ?, ?)"));
    for (const FeatureSizeRecord& size : build.featureSizes) {
        if (!ok)
            break;
        feature.addBindValue(id);
        feature.addBindValue(size.feature);
        feature.addBindValue(qint64(size.size));
        ok = feature.exec();
    }
    if (!ok) {
        fail(query.lastError().text() + feature.lastError().text());
        db.rollback();
        return 0;
    }
    return db.commit() ? id : (fail(db.lastError().text()), 0);
}

QList<FeatureSizeRecord> HistoryStore::featureSizes(qint64 buildId) const
{
    QList<FeatureSizeRecord> result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "SELECT feature, size FROM build_features WHERE build_id = ? ORDER BY size DESC, feature"));
    query.addBindValue(buildId);
    if (query.exec()) {
        while (query.next())
            result.append({query.value(0).toString(), quint64(query.value(1).toLongLong())});
    }
    return result;
}

// Prepares, binds (project path, limit) and runs one of the per-project SELECTs that
// builds() and runs() share; nullopt (and lastError set) when it fails.
std::optional<QSqlQuery> HistoryStore::projectQuery(
    const QString& sql, const QString& projectPath, int limit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(sql);
    query.addBindValue(QDir::cleanPath(projectPath));
    query.addBindValue(limit);
    if (!query.exec()) {
        fail(query.lastError().text());
        return std::nullopt;
    }
    return query;
}

QList<BuildRecord> HistoryStore::builds(const QString& projectPath, int limit) const
{
    QList<BuildRecord> result;
    std::optional<QSqlQuery> query = projectQuery(
        QStringLiteral("SELECT b.id, b.started_at, b.duration_ms, b.profile, b.result, b.image_size"
                       " FROM builds b JOIN projects p ON p.id = b.project_id WHERE p.path = ?"
                       " ORDER BY b.started_at DESC, b.id DESC LIMIT ?"),
        projectPath, limit);
    while (query && query->next()) {
        BuildRecord build;
        build.id = query->value(0).toLongLong();
        build.projectPath = QDir::cleanPath(projectPath);
        build.startedAt = fromMs(query->value(1));
        build.durationMs = query->value(2).toLongLong();
        build.profile = query->value(3).toString();
        build.outcome = outcomeFromName(query->value(4).toString());
        build.imageSize = quint64(query->value(5).toLongLong());
        build.featureSizes = featureSizes(build.id);
        result.append(build);
    }
    return result;
}

qint64 HistoryStore::addRun(const RunRecord& run)
{
    qint64 project = ensureProject(run.projectPath);
    if (!project)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "INSERT INTO runs (project_id, build_id, started_at, boot_ms, exit_status, duration_ms,"
        " machine) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(project);
    query.addBindValue(
        run.buildId ? QVariant(run.buildId) : QVariant(QMetaType(QMetaType::LongLong)));
    query.addBindValue(toMs(run.startedAt));
    query.addBindValue(optionalValue(run.bootMs));
    query.addBindValue(
        run.exitStatus ? QVariant(*run.exitStatus) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(run.durationMs);
    query.addBindValue(run.machine);
    if (!query.exec())
        return fail(query.lastError().text()), 0;
    return query.lastInsertId().toLongLong();
}

QList<RunRecord> HistoryStore::runs(const QString& projectPath, int limit) const
{
    QList<RunRecord> result;
    std::optional<QSqlQuery> query = projectQuery(
        QStringLiteral("SELECT r.id, r.build_id, r.started_at, r.boot_ms, r.exit_status,"
                       " r.duration_ms, r.machine FROM runs r JOIN projects p"
                       " ON p.id = r.project_id WHERE p.path = ?"
                       " ORDER BY r.started_at DESC, r.id DESC LIMIT ?"),
        projectPath, limit);
    while (query && query->next()) {
        RunRecord run;
        run.id = query->value(0).toLongLong();
        run.projectPath = QDir::cleanPath(projectPath);
        run.buildId = query->value(1).toLongLong();
        run.startedAt = fromMs(query->value(2));
        if (!query->value(3).isNull())
            run.bootMs = query->value(3).toLongLong();
        if (!query->value(4).isNull())
            run.exitStatus = query->value(4).toInt();
        run.durationMs = query->value(5).toLongLong();
        run.machine = query->value(6).toString();
        result.append(run);
    }
    return result;
}

} // namespace Keel::Studio
