#include "keelprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <gtest/gtest.h>

KeelOutput runKeel(const QStringList &arguments, const QString &workingDirectory,
                   const QProcessEnvironment &environment)
{
    QProcess keel;
    keel.setWorkingDirectory(workingDirectory);
    keel.setProcessEnvironment(environment);
    keel.start(QStringLiteral(KEEL_BINARY), arguments);
    EXPECT_TRUE(keel.waitForFinished(240000)) << qPrintable(arguments.join(u' '));
    return {keel.exitStatus() == QProcess::NormalExit ? keel.exitCode() : -1,
            QString::fromUtf8(keel.readAllStandardOutput()), QString::fromUtf8(keel.readAllStandardError())};
}

QString newProject(const QTemporaryDir &base, const QString &name)
{
    const KeelOutput created = runKeel({QStringLiteral("new"), name}, base.path());
    EXPECT_EQ(created.exitCode, 0) << qPrintable(created.err);
    return base.filePath(name);
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << qPrintable(path);
    file.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString fakeTree(const QTemporaryDir &base, const QList<QPair<QString, QByteArray>> &modules)
{
    const QString root = base.filePath(QStringLiteral("tree"));
    QDir().mkpath(root + QStringLiteral("/templates"));
    writeFile(root + QStringLiteral("/kernel/core/module.toml"),
              "id = \"core\"\ntitle = \"Core\"\ncategory = \"Core\"\nhelp = \"Boot.\"\nsources = []\n");
    for (const auto &[id, manifest] : modules)
        writeFile(root + QStringLiteral("/kernel/%1/module.toml").arg(id), manifest);
    return root;
}
