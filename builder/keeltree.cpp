#include "keeltree.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace Keel {

namespace {

QString executableDir()
{
    // /proc/self/exe works without a QCoreApplication (tests, early CLI start-up).
    const QFileInfo exe(QStringLiteral("/proc/self/exe"));
    const QString target = exe.symLinkTarget();
    return target.isEmpty() ? QString() : QFileInfo(target).absolutePath();
}

QStringList candidateRoots()
{
    QStringList roots;
    const QString env = qEnvironmentVariable("KEEL_ROOT");
    if (!env.isEmpty())
        roots << env;
    const QString exeDir = executableDir();
    if (!exeDir.isEmpty()) {
        for (QDir dir(exeDir);; ) {
            roots << dir.absolutePath();
            if (!dir.cdUp())
                break;
        }
        roots << QDir::cleanPath(exeDir + QStringLiteral("/../share/keel"));
    }
#ifdef KEEL_SOURCE_ROOT
    roots << QStringLiteral(KEEL_SOURCE_ROOT);
#endif
    return roots;
}

} // namespace

KeelTree::KeelTree(const QString &root)
    : m_root(QDir::cleanPath(root))
{
}

bool KeelTree::looksLikeKeelTree(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/kernel")).isDir()
           && QFileInfo(dir + QStringLiteral("/templates")).isDir();
}

std::optional<KeelTree> KeelTree::locate(QString *error)
{
    const QString env = qEnvironmentVariable("KEEL_ROOT");
    if (!env.isEmpty() && !looksLikeKeelTree(env)) {
        if (error)
            *error = QStringLiteral("KEEL_ROOT=%1 does not hold kernel/ and templates/; point it "
                                    "at the Keel tree or unset it").arg(env);
        return std::nullopt;
    }
    const QStringList roots = candidateRoots();
    for (const QString &root : roots) {
        if (looksLikeKeelTree(root))
            return KeelTree(QDir(root).absolutePath());
    }
    if (error)
        *error = QStringLiteral("cannot find the Keel tree (a folder with kernel/ and templates/); "
                                "looked in: %1. Set KEEL_ROOT to the Keel source folder")
                     .arg(roots.join(QLatin1String(", ")));
    return std::nullopt;
}

QString KeelTree::kernelDir() const
{
    return m_root + QStringLiteral("/kernel");
}

QString KeelTree::templatesDir() const
{
    return m_root + QStringLiteral("/templates");
}

QString KeelTree::includeDir() const
{
    return m_root + QStringLiteral("/kernel/include");
}

QString KeelTree::linkerScript() const
{
    return m_root + QStringLiteral("/kernel/arch/x86_64/linker.ld");
}

} // namespace Keel
