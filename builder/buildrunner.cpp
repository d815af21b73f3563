#include "buildrunner.h"

#include "diagnosticparser.h"
#include "freshnessstamp.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

namespace Keel {

namespace {

const QString kStatusPrefix = QStringLiteral("[keel ");

struct Tool {
    const char *program;
    const char *package;
};

QList<Tool> requiredTools(Iso iso)
{
    QList<Tool> tools = {{"g++", "g++ (or build-essential)"}, {"ld", "binutils"},
                         {"ninja", "ninja-build"},            {"objcopy", "binutils"},
                         {"nm", "binutils"},                  {"awk", "mawk"}};
    if (iso == Iso::Yes)
        tools << Tool{"grub-mkrescue", "grub-pc-bin grub-common"} << Tool{"xorriso", "xorriso"}
              << Tool{"mformat", "mtools"};
    return tools;
}

} // namespace

BuildRunner::BuildRunner(const BuildPlan &plan, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
{
}

BuildRunner::~BuildRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

Diagnostics BuildRunner::checkTools(Iso iso)
{
    Diagnostics missing;
    for (const Tool &tool : requiredTools(iso)) {
        const QString program = QString::fromLatin1(tool.program);
        if (!QStandardPaths::findExecutable(program).isEmpty())
            continue;
        missing << Diagnostic::error(
            QString(), 0, 0, QStringLiteral("%1 not found on PATH").arg(program),
            QStringLiteral("install it with: apt-get install %1").arg(QLatin1String(tool.package)));
    }
    return missing;
}

bool BuildRunner::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void BuildRunner::start()
{
    if (!launch())
        finish(-1, QProcess::NormalExit);
}

BuildResult BuildRunner::run()
{
    if (!launch()) {
        finish(-1, QProcess::NormalExit);
        return m_result;
    }
    // waitFor* deliver readyRead/finished synchronously, so no event loop is needed.
    while (m_process->state() != QProcess::NotRunning)
        m_process->waitForFinished(100);
    if (!m_done)
        finish(m_process->exitCode(), m_process->exitStatus());
    return m_result;
}

void BuildRunner::cancel()
{
    if (!isRunning())
        return;
    m_cancelled = true;
    // ninja forwards SIGTERM to the compilers it runs; kill is the fallback.
    m_process->terminate();
    QTimer::singleShot(3000, m_process, [process = m_process] {
        if (process->state() != QProcess::NotRunning)
            process->kill();
    });
}

bool BuildRunner::launch()
{
    m_result = BuildResult{};
    m_result.imagePath = m_plan.imagePath();
    m_result.unstrippedPath = m_plan.unstrippedPath();
    m_result.mapPath = m_plan.mapPath();
    if (m_plan.iso == Iso::Yes)
        m_result.isoPath = m_plan.isoPath();
    m_pending.clear();
    m_cancelled = false;
    m_done = false;
    m_startTime = QDateTime::currentDateTimeUtc();

    m_result.diagnostics = checkTools(m_plan.iso);
    if (!m_result.diagnostics.isEmpty()) {
        m_result.status = BuildStatus::MissingTool;
        return false;
    }
    delete m_process;
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NINJA_STATUS"), kStatusPrefix + QStringLiteral("%f/%t] "));
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyRead, this, &BuildRunner::readOutput);
    connect(m_process, &QProcess::finished, this, &BuildRunner::finish);
    m_process->start(QStringLiteral("ninja"), {QStringLiteral("-C"), m_plan.buildDir});
    if (!m_process->waitForStarted()) {
        m_result.status = BuildStatus::MissingTool;
        m_result.diagnostics << Diagnostic::error(QString(), 0, 0,
                                                  QStringLiteral("cannot start ninja: %1")
                                                      .arg(m_process->errorString()),
                                                  QStringLiteral("install it with: apt-get install ninja-build"));
        return false;
    }
    return true;
}

void BuildRunner::readOutput()
{
    m_pending += m_process->readAll();
    for (int end = m_pending.indexOf('\n'); end >= 0; end = m_pending.indexOf('\n')) {
        const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
        m_pending.remove(0, end + 1);
        handleLine(line);
    }
}

void BuildRunner::handleLine(const QString &line)
{
    static const QRegularExpression status(QStringLiteral("^\\[keel (\\d+)/(\\d+)\\] (.*)$"));
    if (const auto m = status.match(line); m.hasMatch()) {
        const QString description = m.captured(3);
        m_result.steps << description;
        if (description.startsWith(QLatin1String("CXX ")) || description.startsWith(QLatin1String("AS ")))
            m_result.compiled << description.section(QLatin1Char(' '), 1);
        emit progress(m.captured(1).toInt(), m.captured(2).toInt(), description);
        return;
    }
    if (line.isEmpty())
        return;
    emit outputLine(line);
    Diagnostic parsed;
    if (DiagnosticParser::parseTextLine(line, &parsed)) {
        m_result.diagnostics << parsed;
        emit diagnostic(parsed);
    }
}

void BuildRunner::finish(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_done)
        return;
    m_done = true;
    if (m_process) {
        m_pending += m_process->readAll();
        if (!m_pending.isEmpty())
            handleLine(QString::fromUtf8(m_pending).trimmed());
        m_pending.clear();
    }
    // The compile rule writes each object's diagnostics as GCC JSON next to the object.
    for (const QString &object : std::as_const(m_result.compiled)) {
        QFile json(m_plan.buildDir + QLatin1Char('/') + object + QStringLiteral(".json"));
        if (!json.open(QIODevice::ReadOnly))
            continue;
        for (const Diagnostic &d : DiagnosticParser::parseGccJson(json.readAll(), m_plan.buildDir)) {
            m_result.diagnostics << d;
            emit diagnostic(d);
        }
    }
    if (m_result.status != BuildStatus::MissingTool) {
        if (m_cancelled)
            m_result.status = BuildStatus::Cancelled;
        else
            m_result.status = exitStatus == QProcess::NormalExit && exitCode == 0
                                  ? BuildStatus::Ok : BuildStatus::Failed;
    }
    m_result.durationMs = m_startTime.msecsTo(QDateTime::currentDateTimeUtc());
    recordFreshness();
    emit finished(m_result);
}

// What this build depended on, so that `keel run` can tell the image is current without asking
// ninja next time (FreshnessStamp). Most builds leave it as it was; recording runs ninja's tools.
void BuildRunner::recordFreshness()
{
    if (m_result.ok() && !FreshnessStamp::isFresh(m_plan.buildDir))
        FreshnessStamp::record(m_plan, m_startTime);
}

} // namespace Keel
