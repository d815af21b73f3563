// Helpers for the CLI tests: run the real keel binary and make throw-away projects and trees.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

struct KeelOutput {
    int exitCode = -1;
    QString out;
    QString err;
};

KeelOutput runKeel(const QStringList &arguments, const QString &workingDirectory,
                   const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

// `keel new <base>/<name>` from templates/hello; returns the project folder.
QString newProject(const QTemporaryDir &base, const QString &name = QStringLiteral("app"));

void writeFile(const QString &path, const QByteArray &content);
QByteArray readFile(const QString &path);

// A minimal Keel tree (KEEL_ROOT) with the given extra kernel modules next to a stub core.
QString fakeTree(const QTemporaryDir &base, const QList<QPair<QString, QByteArray>> &modules);
