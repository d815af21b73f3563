#include "globmatcher.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Keel::GlobMatcher {

namespace {

QString toRegex(const QString &glob)
{
    QString regex;
    for (int i = 0; i < glob.size(); ++i) {
        const QChar c = glob[i];
        if (c == QLatin1Char('*') && glob.mid(i, 3) == QLatin1String("**/")) {
            regex += QLatin1String("(?:[^/]+/)*");
            i += 2;
        } else if (c == QLatin1Char('*') && glob.mid(i, 2) == QLatin1String("**")) {
            regex += QLatin1String(".*");
            ++i;
        } else if (c == QLatin1Char('*')) {
            regex += QLatin1String("[^/]*");
        } else if (c == QLatin1Char('?')) {
            regex += QLatin1String("[^/]");
        } else if (c == QLatin1Char('[')) {
            const int end = glob.indexOf(QLatin1Char(']'), i + 1);
            if (end < 0) {
                regex += QLatin1String("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, end - i - 1);
            if (set.startsWith(QLatin1Char('!')))
                set[0] = QLatin1Char('^');
            regex += QLatin1Char('[') + set + QLatin1Char(']');
            i = end;
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    return QLatin1Char('^') + regex + QLatin1Char('$');
}

void walk(const QString &root, const QString &relative, bool recursive, QStringList *out)
{
    const QDir dir(relative.isEmpty() ? root : root + QLatin1Char('/') + relative);
    const auto entries = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                                           QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString path = relative.isEmpty() ? entry.fileName()
                                                : relative + QLatin1Char('/') + entry.fileName();
        if (entry.isDir()) {
            // Build output and tool folders (.git, .cache) are never sources.
            const bool skip = entry.fileName().startsWith(QLatin1Char('.'))
                              || entry.fileName() == QLatin1String("build");
            if (recursive && !skip)
                walk(root, path, recursive, out);
        } else {
            out->append(path);
        }
    }
}

} // namespace

bool hasWildcards(const QString &glob)
{
    return glob.contains(QLatin1Char('*')) || glob.contains(QLatin1Char('?'))
           || glob.contains(QLatin1Char('['));
}

bool matches(const QString &glob, const QString &relativePath)
{
    return QRegularExpression(toRegex(glob)).match(relativePath).hasMatch();
}

QStringList expand(const QString &baseDir, const QString &glob)
{
    QStringList components = glob.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList prefix;
    while (!components.isEmpty() && !hasWildcards(components.first()))
        prefix.append(components.takeFirst());
    const QString root = QDir::cleanPath(QDir(baseDir).absoluteFilePath(prefix.join('/')));
    if (components.isEmpty()) {
        const QFileInfo file(root);
        return file.isFile() ? QStringList{root} : QStringList{};
    }
    const QString pattern = components.join(QLatin1Char('/'));
    const bool recursive = components.size() > 1 || pattern.contains(QLatin1String("**"));
    QStringList candidates;
    walk(root, QString(), recursive, &candidates);

    const QRegularExpression regex(toRegex(pattern));
    QStringList result;
    for (const QString &candidate : candidates) {
        if (regex.match(candidate).hasMatch())
            result.append(root + QLatin1Char('/') + candidate);
    }
    result.sort();
    return result;
}

} // namespace Keel::GlobMatcher
