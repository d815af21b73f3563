#include "externalsources.h"

#include "globmatcher.h"
#include "tomlreader.h"

#include <QDir>
#include <QFileInfo>

namespace Keel {

namespace {

const QStringList kExternalKeys = {QStringLiteral("root"), QStringLiteral("fetch"),
                                   QStringLiteral("sources"), QStringLiteral("includes"),
                                   QStringLiteral("cflags")};

QString environmentName(const QString &root)
{
    return QStringLiteral("KEEL_%1_DIR").arg(root.toUpper().replace(QLatin1Char('-'), QLatin1Char('_')));
}

} // namespace

QString ExternalSources::expectedRootDir() const
{
    const QByteArray fromEnvironment = qgetenv(environmentName(root).toLatin1().constData());
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QString::fromLocal8Bit(fromEnvironment));
    return QDir::homePath() + QStringLiteral("/.cache/keel/") + root;
}

QStringList ExternalSources::includeDirs() const
{
    QStringList dirs;
    for (const QString &include : includes)
        dirs << QDir::cleanPath(rootDir + QLatin1Char('/') + include);
    return dirs;
}

void ExternalSources::resolve()
{
    const QString expected = expectedRootDir();
    rootDir = QFileInfo(expected).isDir() ? expected : QString();
    if (rootDir.isEmpty())
        return;
    for (const QString &glob : std::as_const(sourceGlobs)) {
        const QStringList files = GlobMatcher::expand(rootDir, glob);
        if (files.isEmpty())
            missingSourceGlobs << glob;
        for (const QString &file : files) {
            if (!sources.contains(file))
                sources << file;
        }
    }
}

Diagnostics ExternalSources::problems(const QString &manifestPath, const QString &moduleId) const
{
    Diagnostics found;
    if (rootDir.isEmpty()) {
        found << Diagnostic::error(
            manifestPath, line, 0,
            QStringLiteral("module '%1' needs the %2 sources, but %3 does not exist")
                .arg(moduleId, root, expectedRootDir()),
            QStringLiteral("run %1 from the Keel tree (or set %2 to where they are)")
                .arg(fetchScript.isEmpty() ? QStringLiteral("scripts/setup.sh") : fetchScript,
                     environmentName(root)));
        return found;
    }
    for (const QString &glob : missingSourceGlobs)
        found << Diagnostic::error(
            manifestPath, line, 0,
            QStringLiteral("module '%1': external source \"%2\" matches no file under %3")
                .arg(moduleId, glob, rootDir),
            QStringLiteral("check the %1 version (%2 fetches the expected one)")
                .arg(root, fetchScript.isEmpty() ? QStringLiteral("scripts/setup.sh") : fetchScript));
    return found;
}

std::optional<ExternalSources> ExternalSources::read(TomlReader &reader, const toml::table &table)
{
    reader.warnUnknownKeys(table, kExternalKeys, QStringLiteral("[external]"));
    ExternalSources external;
    external.line = int(table.source().begin.line);
    external.root = reader.string(table, "root", QStringLiteral("external.root")).value_or(QString());
    if (external.root.isEmpty() || external.root.contains(QLatin1Char('/'))) {
        reader.error(table.source(), QStringLiteral("[external] needs a root name"),
                     QStringLiteral("write root = \"lwip\" (a folder under ~/.cache/keel)"));
        return std::nullopt;
    }
    external.fetchScript = reader.string(table, "fetch", QStringLiteral("external.fetch")).value_or(QString());
    external.sourceGlobs = reader.stringList(table, "sources", QStringLiteral("external.sources"))
                               .value_or(QStringList());
    external.includes = reader.stringList(table, "includes", QStringLiteral("external.includes"))
                            .value_or(QStringList());
    external.cflags = reader.stringList(table, "cflags", QStringLiteral("external.cflags"))
                          .value_or(QStringList());
    return external;
}

} // namespace Keel
