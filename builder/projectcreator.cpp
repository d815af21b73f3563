#include "projectcreator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Keel::ProjectCreator {

namespace {

const QString kPlaceholder = QStringLiteral("{{name}}");

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QStringList templateFiles(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = QDir(dir).relativeFilePath(it.next());
        if (relative != QLatin1String("template.toml"))
            files << relative;
    }
    files.sort();
    return files;
}

} // namespace

bool isValidName(const QString &name, QString *why)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (pattern.match(name).hasMatch())
        return true;
    return fail(why, QStringLiteral("project name \"%1\" is not valid: use only letters, digits, "
                                    "'-' and '_'").arg(name));
}

QString nameFromDirectory(const QString &dir)
{
    QString name = QFileInfo(QDir::cleanPath(QDir(dir).absolutePath())).fileName();
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("-"));
    return name;
}

bool create(const TemplateInfo &templ, const QString &targetDir, const QString &name,
            QString *error)
{
    QString why;
    if (!isValidName(name, &why))
        return fail(error, why + QStringLiteral(" (pass --name or rename the folder)"));
    const QDir target(targetDir);
    if (QFileInfo(targetDir).exists() && !QFileInfo(targetDir).isDir())
        return fail(error, QStringLiteral("%1 exists and is not a folder; choose another path")
                               .arg(targetDir));
    if (target.exists()
        && !target.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot).isEmpty())
        return fail(error, QStringLiteral("%1 is not empty; refusing to create a project there "
                                          "(choose a new or empty folder)").arg(targetDir));
    const QStringList files = templateFiles(templ.directory);
    // Read everything first, so a broken template leaves no half-created project.
    QList<QByteArray> contents;
    for (const QString &relative : files) {
        QFile in(templ.directory + QLatin1Char('/') + relative);
        if (!in.open(QIODevice::ReadOnly))
            return fail(error, QStringLiteral("cannot read template file %1: %2")
                                   .arg(in.fileName(), in.errorString()));
        contents << in.readAll().replace(kPlaceholder.toUtf8(), name.toUtf8());
    }
    for (int i = 0; i < files.size(); ++i) {
        const QString path = target.absoluteFilePath(files.at(i));
        QFile out(path);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !out.open(QIODevice::WriteOnly)
            || out.write(contents.at(i)) != contents.at(i).size())
            return fail(error, QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
        out.setPermissions(QFile(templ.directory + QLatin1Char('/') + files.at(i)).permissions());
    }
    return true;
}

} // namespace Keel::ProjectCreator
