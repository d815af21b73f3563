#include "toolpaths.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace Keel::Studio::ToolPaths {

QString detect(const QString& program)
{
    return QStandardPaths::findExecutable(program);
}

Check check(const QString& path)
{
    if (path.isEmpty())
        return {false,
            QStringLiteral("not set and not found on PATH; install it (scripts/setup.sh) "
                           "or choose the program")};
    const QFileInfo info(path);
    if (!info.exists())
        return {false, QStringLiteral("%1 does not exist; choose the program's file").arg(path)};
    if (!info.isFile() || !info.isExecutable())
        return {false, QStringLiteral("%1 is not an executable file").arg(path)};
    QProcess process;
    process.start(path, {QStringLiteral("--version")});
    if (!process.waitForFinished(2000)) {
        process.kill();
        process.waitForFinished();
        return {false,
            QStringLiteral("%1 --version did not finish; is it the right program?").arg(path)};
    }
    const QString firstLine
        = QString::fromLocal8Bit(process.readAllStandardOutput()).section(QLatin1Char('\n'), 0, 0);
    if (process.exitCode() != 0 || firstLine.isEmpty())
        return {false,
            QStringLiteral("%1 --version failed (exit %2)").arg(path).arg(process.exitCode())};
    return {true, firstLine.trimmed()};
}

} // namespace Keel::Studio::ToolPaths
