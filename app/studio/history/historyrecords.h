// Plain rows of the history database, shared by the store and whoever shows or records them.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace Keel::Studio {

enum class BuildOutcome { Succeeded, Failed, Cancelled };

QString outcomeName(BuildOutcome outcome); // "succeeded", "failed", "cancelled"
BuildOutcome outcomeFromName(const QString& name);

struct RecentProject {
    QString path; // absolute project folder
    QString name;
    QDateTime lastOpened;
};

struct FeatureSizeRecord {
    QString feature;
    quint64 size = 0;
};

struct BuildRecord {
    qint64 id = 0; // assigned by the store
    QString projectPath;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QString profile; // "debug" | "release"
    BuildOutcome outcome = BuildOutcome::Failed;
    quint64 imageSize = 0; // 0 when the build produced no image
    QList<FeatureSizeRecord> featureSizes;
};

struct RunRecord {
    qint64 id = 0; // assigned by the store
    QString projectPath;
    qint64 buildId = 0; // 0 when the run is not tied to a recorded build
    QDateTime startedAt;
    QString machine;
    std::optional<qint64> bootMs; // spawn to first serial byte; empty if never reached
    std::optional<int> exitStatus; // guest status; empty when killed or still running
    qint64 durationMs = 0;
};

} // namespace Keel::Studio
