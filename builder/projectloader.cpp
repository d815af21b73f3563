#include "projectloader.h"

#include "globmatcher.h"
#include "projectsections.h"
#include "tomlreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Keel {

namespace {

const QString kProjectFile = QStringLiteral("keel.toml");

QStringList expandGlobs(const Project &project, const QStringList &globs,
                        const QList<SourcePosition> &positions, const QString &key,
                        Diagnostics *diagnostics)
{
    QStringList files;
    for (int i = 0; i < globs.size(); ++i) {
        const QString &glob = globs.at(i);
        const SourcePosition at = i < positions.size() ? positions.at(i)
                                                       : SourcePosition{project.tomlPath, 0, 0};
        const QStringList matched = GlobMatcher::expand(project.rootDir, glob);
        if (matched.isEmpty() && diagnostics) {
            const QString message = GlobMatcher::hasWildcards(glob)
                ? QStringLiteral("%1 pattern \"%2\" matches no file").arg(key, glob)
                : QStringLiteral("%1 lists \"%2\", which does not exist").arg(key, glob);
            diagnostics->append(Diagnostic::error(
                at.file, at.line, at.column, message,
                QStringLiteral("paths are relative to %1; fix the entry or create the file")
                    .arg(project.rootDir)));
        }
        for (const QString &file : matched) {
            if (!files.contains(file))
                files.append(file);
        }
    }
    files.sort();
    return files;
}

} // namespace

QString ProjectLoader::findProjectFile(const QString &startDir)
{
    for (QDir dir(QFileInfo(startDir).absoluteFilePath());;) {
        const QString candidate = dir.absoluteFilePath(kProjectFile);
        if (QFileInfo(candidate).isFile())
            return candidate;
        if (!dir.cdUp())
            return {};
    }
}

std::optional<Project> ProjectLoader::load(const QString &startPath, Diagnostics *diagnostics)
{
    auto project = loadSettings(startPath, diagnostics);
    if (!project || !resolveFiles(*project, diagnostics))
        return std::nullopt;
    return project;
}

std::optional<Project> ProjectLoader::loadSettings(const QString &startPath, Diagnostics *diagnostics)
{
    const QFileInfo info(startPath);
    const QString tomlPath = info.isFile() ? info.absoluteFilePath() : findProjectFile(startPath);
    if (tomlPath.isEmpty()) {
        if (diagnostics)
            diagnostics->append(Diagnostic::error(
                QFileInfo(startPath).absoluteFilePath(), 0, 0,
                QStringLiteral("no keel.toml here or in any parent folder"),
                QStringLiteral("run this inside a Keel project, or create one with `keel new DIR`")));
        return std::nullopt;
    }
    QFile file(tomlPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (diagnostics)
            diagnostics->append(Diagnostic::error(tomlPath, 0, 0,
                                                  QStringLiteral("cannot read: %1")
                                                      .arg(file.errorString()),
                                                  QStringLiteral("check the file's permissions")));
        return std::nullopt;
    }
    return parse(QString::fromUtf8(file.readAll()), tomlPath, diagnostics);
}

std::optional<Project> ProjectLoader::parse(const QString &tomlText, const QString &tomlPath,
                                            Diagnostics *diagnostics)
{
    TomlReader reader(tomlPath, diagnostics);
    const auto root = reader.parse(tomlText);
    if (!root)
        return std::nullopt;
    Project project;
    project.tomlPath = QFileInfo(tomlPath).absoluteFilePath();
    project.rootDir = QFileInfo(tomlPath).absolutePath();
    reader.warnUnknownKeys(*root, {QStringLiteral("project"), QStringLiteral("kernel"),
                                   QStringLiteral("run")},
                           QStringLiteral("keel.toml"));
    ProjectSections::readProject(reader, *root, project);
    ProjectSections::readKernel(reader, *root, project);
    ProjectSections::readRun(reader, *root, project);
    if (reader.failed())
        return std::nullopt;
    return project;
}

bool ProjectLoader::resolveFiles(Project &project, Diagnostics *diagnostics)
{
    Diagnostics local;
    project.sources = expandGlobs(project, project.sourceGlobs, project.sourceGlobPositions,
                                  QStringLiteral("project.sources"), &local);
    project.assets = expandGlobs(project, project.assetGlobs, project.assetGlobPositions,
                                 QStringLiteral("project.assets"), &local);
    if (diagnostics)
        diagnostics->append(local);
    return !hasErrors(local);
}

QString Project::buildDir(const QString &profile) const
{
    return rootDir + QStringLiteral("/build/") + profile;
}

QString machineName(Machine machine)
{
    switch (machine) {
    case Machine::Pc: return QStringLiteral("pc");
    case Machine::Q35: return QStringLiteral("q35");
    case Machine::Microvm: return QStringLiteral("microvm");
    }
    return {};
}

QString accelName(Accel accel)
{
    switch (accel) {
    case Accel::Auto: return QStringLiteral("auto");
    case Accel::Kvm: return QStringLiteral("kvm");
    case Accel::Tcg: return QStringLiteral("tcg");
    }
    return {};
}

} // namespace Keel
