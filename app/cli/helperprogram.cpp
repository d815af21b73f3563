#include "helperprogram.h"

#include "cliconsole.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace Keel::Cli::HelperProgram {

QString path(const QString &program)
{
    return QCoreApplication::applicationDirPath() + u'/' + program;
}

int exec(const QString &program, const QString &command, const QStringList &arguments)
{
    const QString helper = path(program);
    QList<QByteArray> encoded{QFile::encodeName(helper), QFile::encodeName(command)};
    for (const QString &argument : arguments)
        encoded << QFile::encodeName(argument);
    std::vector<char *> argv;
    for (QByteArray &argument : encoded)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    ::execv(argv[0], argv.data());
    printError(QStringLiteral("cannot run %1 for 'keel %2': %3").arg(helper, command, QString::fromLocal8Bit(std::strerror(errno))),
               QStringLiteral("%1 is built and installed beside keel (cmake --build BUILD --target %1)").arg(program));
    return kExitMissingTool;
}

} // namespace Keel::Cli::HelperProgram
