// What a user would see fail: recent projects or build/run history missing or wrong after a
// restart, an old keel.db from an earlier Keel Studio not opening, or history lost because
// the database was not in WAL mode when the IDE was killed.
#include "history/historyschema.h"
#include "history/historystore.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>

using namespace Keel::Studio;

namespace {

// Reads one value with a separate connection, as another process would see the file.
QVariant scalar(const QString& path, const QString& sql)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "probe");
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase("probe");
    return result;
}

BuildRecord sampleBuild(const QString& project, qint64 startMs, BuildOutcome outcome)
{
    BuildRecord build;
    build.projectPath = project;
    build.startedAt = QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC);
    build.durationMs = 1234;
    build.profile = "debug";
    build.outcome = outcome;
    build.imageSize = 65536;
    build.featureSizes = {{"core", 40000}, {"app", 9000}, {"serial", 1200}};
    return build;
}

} // namespace

class TestHistoryStore : public QObject {
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void createsSchemaInWalMode();
    void defaultPathIsInAppData();
    void migratesFromEmptyFile();
    void migratesVersionOneKeepingRows();
    void refusesNewerSchema();
    void recentProjectsNewestFirst();
    void buildsRoundTrip();
    void runsRoundTripWithMissingValues();
    void survivesReopen();
    void survivesWriterKilledMidWrite();

private:
    QString dbPath() const { return m_dir->filePath("nested/keel.db"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistoryStore::createsSchemaInWalMode()
{
    HistoryStore store(dbPath());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), HistorySchema::latestVersion());
    QCOMPARE(scalar(dbPath(), "PRAGMA journal_mode").toString(), QStringLiteral("wal"));
    QCOMPARE(
        scalar(dbPath(), "SELECT count(*) FROM sqlite_master WHERE type = 'table'").toInt(), 4);
}

void TestHistoryStore::defaultPathIsInAppData()
{
    QVERIFY(HistoryStore::defaultPath().endsWith("/keel.db"));
    QVERIFY(HistoryStore::defaultPath().startsWith(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

void TestHistoryStore::migratesFromEmptyFile()
{
    QDir().mkpath(m_dir->filePath("nested"));
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly)); // a zero-byte file is an empty SQLite database
    file.close();
    HistoryStore store(dbPath());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), HistorySchema::latestVersion());
    QVERIFY(store.touchProject("/p", "p"));
}

void TestHistoryStore::migratesVersionOneKeepingRows()
{
    QDir().mkpath(m_dir->filePath("nested"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QString error;
        QVERIFY2(HistorySchema::migrate(db, 1, &error), qPrintable(error));
        QCOMPARE(HistorySchema::version(db), 1);
        QSqlQuery query(db);
        QVERIFY(
            query.exec("INSERT INTO projects (path, name, last_opened) VALUES ('/old', 'old', 5)"));
        QVERIFY(query.exec("INSERT INTO runs (project_id, started_at, boot_ms, exit_status,"
                           " duration_ms) VALUES (1, 7, 42, 0, 900)"));
        db.close();
    }
    QSqlDatabase::removeDatabase("v1");

    HistoryStore store(dbPath());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), 2);
    const QList<RunRecord> runs = store.runs("/old");
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().bootMs, std::optional<qint64>(42));
    QCOMPARE(runs.first().machine, QString()); // column added by migration 2
    QCOMPARE(store.recentProjects().first().name, QStringLiteral("old"));
}

void TestHistoryStore::refusesNewerSchema()
{
    {
        HistoryStore store(dbPath());
        QVERIFY(store.open(nullptr));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "future");
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery(db).exec("PRAGMA user_version = 99");
        db.close();
    }
    QSqlDatabase::removeDatabase("future");
    HistoryStore store(dbPath());
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(dbPath()) && error.contains("99"), qPrintable(error));
}

void TestHistoryStore::recentProjectsNewestFirst()
{
    HistoryStore store(dbPath());
    QVERIFY(store.open(nullptr));
    const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1000000, Qt::UTC);
    QVERIFY(store.touchProject("/a", "a", t0));
    QVERIFY(store.touchProject("/b", "b", t0.addSecs(10)));
    QVERIFY(store.touchProject("/a/", "a2", t0.addSecs(20))); // same folder, renamed
    const QList<RecentProject> recent = store.recentProjects();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.at(0).path, QStringLiteral("/a"));
    QCOMPARE(recent.at(0).name, QStringLiteral("a2"));
    QCOMPARE(recent.at(0).lastOpened, t0.addSecs(20));
    QCOMPARE(recent.at(1).path, QStringLiteral("/b"));
    QCOMPARE(store.recentProjects(1).size(), 1);
    QVERIFY(store.forgetProject("/b"));
    QCOMPARE(store.recentProjects().size(), 1);
}

void TestHistoryStore::buildsRoundTrip()
{
    HistoryStore store(dbPath());
    QVERIFY(store.open(nullptr));
    const qint64 first = store.addBuild(sampleBuild("/p", 1000, BuildOutcome::Failed));
    const qint64 second = store.addBuild(sampleBuild("/p", 2000, BuildOutcome::Succeeded));
    QVERIFY(first > 0 && second > first);
    store.addBuild(sampleBuild("/other", 3000, BuildOutcome::Cancelled));
    const QList<BuildRecord> builds = store.builds("/p");
    QCOMPARE(builds.size(), 2);
    const BuildRecord& latest = builds.first();
    QCOMPARE(latest.id, second);
    QCOMPARE(latest.outcome, BuildOutcome::Succeeded);
    QCOMPARE(latest.startedAt.toMSecsSinceEpoch(), 2000);
    QCOMPARE(latest.durationMs, 1234);
    QCOMPARE(latest.imageSize, 65536u);
    QCOMPARE(latest.profile, QStringLiteral("debug"));
    QCOMPARE(latest.featureSizes.size(), 3);
    QCOMPARE(latest.featureSizes.first().feature, QStringLiteral("core"));
    QCOMPARE(latest.featureSizes.last().size, 1200u);
    QCOMPARE(builds.last().outcome, BuildOutcome::Failed);
    QCOMPARE(store.builds("/other").first().outcome, BuildOutcome::Cancelled);
}

void TestHistoryStore::runsRoundTripWithMissingValues()
{
    HistoryStore store(dbPath());
    QVERIFY(store.open(nullptr));
    const qint64 build = store.addBuild(sampleBuild("/p", 1000, BuildOutcome::Succeeded));
    RunRecord booted {0, "/p", build, QDateTime::fromMSecsSinceEpoch(5000, Qt::UTC), "microvm",
        std::optional<qint64>(37), std::optional<int>(0), 800};
    RunRecord killed {0, "/p", 0, QDateTime::fromMSecsSinceEpoch(6000, Qt::UTC), "pc", std::nullopt,
        std::nullopt, 100};
    QVERIFY(store.addRun(booted) > 0);
    QVERIFY(store.addRun(killed) > 0);
    const QList<RunRecord> runs = store.runs("/p");
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).machine, QStringLiteral("pc"));
    QVERIFY(!runs.at(0).bootMs && !runs.at(0).exitStatus);
    QCOMPARE(runs.at(0).buildId, 0);
    QCOMPARE(runs.at(1).buildId, build);
    QCOMPARE(runs.at(1).bootMs, std::optional<qint64>(37));
    QCOMPARE(runs.at(1).exitStatus, std::optional<int>(0));
    QCOMPARE(runs.at(1).durationMs, 800);
}

void TestHistoryStore::survivesReopen()
{
    {
        HistoryStore store(dbPath());
        QVERIFY(store.open(nullptr));
        QVERIFY(store.addBuild(sampleBuild("/p", 1000, BuildOutcome::Succeeded)));
    }
    HistoryStore again(dbPath());
    QVERIFY(again.open(nullptr));
    QCOMPARE(again.builds("/p").size(), 1);
    QCOMPARE(again.schemaVersion(), HistorySchema::latestVersion());
}

void TestHistoryStore::survivesWriterKilledMidWrite()
{
    // A second copy of this binary records builds as fast as it can; SIGKILL lands mid-write.
    QProcess writer;
    writer.start(QCoreApplication::applicationFilePath(), {"--write-forever", dbPath()});
    QVERIFY(writer.waitForStarted());
    QVERIFY(writer.waitForReadyRead(10000)); // it prints once the first build is committed
    QTest::qWait(300);
    writer.kill();
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    HistoryStore store(dbPath());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(scalar(dbPath(), "PRAGMA integrity_check").toString(), QStringLiteral("ok"));
    const QList<BuildRecord> builds = store.builds("/p", 100000);
    QVERIFY(builds.size() > 1);
    for (const BuildRecord& build : builds)
        QCOMPARE(build.featureSizes.size(), 3); // no build without its feature rows
}

// Child mode for survivesWriterKilledMidWrite: writes until killed.
static int writeForever(const QString& path)
{
    HistoryStore store(path);
    if (!store.open(nullptr))
        return 1;
    for (qint64 i = 1;; ++i) {
        if (!store.addBuild(sampleBuild("/p", i, BuildOutcome::Succeeded)))
            return 2;
        if (i == 1) {
            std::fputs("first\n", stdout);
            std::fflush(stdout);
        }
    }
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && QByteArray(argv[1]) == "--write-forever")
        return writeForever(QString::fromLocal8Bit(argv[2]));
    QCoreApplication::setOrganizationName("Keel");
    QCoreApplication::setApplicationName("Keel Studio");
    QStandardPaths::setTestModeEnabled(true);
    TestHistoryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
