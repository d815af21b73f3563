#include "libvirtdfixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QThread>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <unistd.h>

ProcessOutput runProgram(const QString &program, const QStringList &arguments, const QString &workingDirectory,
                         int timeoutMs)
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        ADD_FAILURE() << qPrintable(program) << " " << qPrintable(arguments.join(u' ')) << " timed out";
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void LibvirtdTest::SetUpTestSuite()
{
    virConnectPtr connection = virConnectOpen(kUri);
    if (!connection) {
        const virErrorPtr error = virGetLastError();
        s_unavailable = QStringLiteral("libvirtd is not reachable at %1: %2\nThese tests need the real daemon: as root "
                                       "run scripts/start-services.sh (virtlogd -d; libvirtd -d).")
                            .arg(QLatin1String(kUri), QString::fromUtf8(error && error->message ? error->message : "?"));
        return;
    }
    virConnectClose(connection);
    s_project = new QTemporaryDir;
    const ProcessOutput created = runProgram(QStringLiteral(KEEL_BINARY),
                                             {QStringLiteral("new"), QStringLiteral("fleet"), QStringLiteral("--template"),
                                              QStringLiteral("hello-forever")}, s_project->path());
    if (created.exitCode != 0) {
        s_unavailable = QStringLiteral("keel new failed: ") + created.err;
        return;
    }
    setProjectVersion(QStringLiteral("1.0.0"));
}

void LibvirtdTest::TearDownTestSuite()
{
    removeEverythingOfThisRun();
    delete s_project;
    s_project = nullptr;
}

void LibvirtdTest::SetUp()
{
    // Not a skip: a missing daemon must fail the run, or the deploy path goes untested.
    ASSERT_TRUE(s_unavailable.isEmpty()) << qPrintable(s_unavailable);
    ASSERT_TRUE(s_project) << "the test project could not be created";
}

void LibvirtdTest::TearDown()
{
    removeEverythingOfThisRun();
}

QString LibvirtdTest::name(const QString &suffix)
{
    return QStringLiteral("kt%1-%2").arg(getpid()).arg(suffix);
}

ProcessOutput LibvirtdTest::keel(const QStringList &arguments, int timeoutMs)
{
    return runProgram(QStringLiteral(KEEL_BINARY), arguments, projectDir(), timeoutMs);
}

ProcessOutput LibvirtdTest::virsh(const QStringList &arguments)
{
    return runProgram(QStringLiteral("virsh"), QStringList{QStringLiteral("-c"), QLatin1String(kUri)} + arguments);
}

QStringList LibvirtdTest::virshDomains(bool all)
{
    QStringList arguments{QStringLiteral("list"), QStringLiteral("--name")};
    if (all)
        arguments << QStringLiteral("--all");
    const QString prefix = name(QString());
    QStringList names;
    for (const QString &line : virsh(arguments).out.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.trimmed().startsWith(prefix))
            names << line.trimmed();
    }
    names.sort();
    return names;
}

bool LibvirtdTest::waitForLog(const QString &domain, const QString &text, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (keel({QStringLiteral("logs"), QStringLiteral("--connect"), QLatin1String(kUri), domain}).out.contains(text))
            return true;
        QThread::msleep(100);
    }
    return false;
}

void LibvirtdTest::setProjectVersion(const QString &version)
{
    QFile toml(projectDir() + QStringLiteral("/keel.toml"));
    ASSERT_TRUE(toml.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(toml.readAll());
    toml.close();
    text.replace(QRegularExpression(QStringLiteral("version = \"[^\"]*\"")), QStringLiteral("version = \"%1\"").arg(version));
    ASSERT_TRUE(toml.open(QIODevice::WriteOnly | QIODevice::Truncate));
    toml.write(text.toUtf8());
    toml.close();
    // A different version is a different image, as a real release would be: it greets with it.
    QFile main(projectDir() + QStringLiteral("/src/main.cpp"));
    ASSERT_TRUE(main.open(QIODevice::ReadOnly));
    QString source = QString::fromUtf8(main.readAll());
    main.close();
    source.replace(QRegularExpression(QStringLiteral("Hello from fleet![^\"]*\"")),
                   QStringLiteral("Hello from fleet! version %1\"").arg(version));
    ASSERT_TRUE(main.open(QIODevice::WriteOnly | QIODevice::Truncate));
    main.write(source.toUtf8());
}

void LibvirtdTest::setPublished(const QStringList &forwards)
{
    QFile toml(projectDir() + QStringLiteral("/keel.toml"));
    ASSERT_TRUE(toml.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(toml.readAll());
    toml.close();
    // [run] is the template's last table, so the key goes at the end.
    text.remove(QRegularExpression(QStringLiteral("\\npublish = [^\\n]*")));
    if (!forwards.isEmpty())
        text += QStringLiteral("publish = [\"%1\"]\n").arg(forwards.join(QStringLiteral("\", \"")));
    ASSERT_TRUE(toml.open(QIODevice::WriteOnly | QIODevice::Truncate));
    toml.write(text.toUtf8());
}

void LibvirtdTest::removeEverythingOfThisRun()
{
    // Through virsh, not keel: cleanup must work even when keel rm is what broke.
    for (const QString &domain : virshDomains(true)) {
        virsh({QStringLiteral("destroy"), domain});
        virsh({QStringLiteral("undefine"), domain});
    }
    const QString prefix = name(QString());
    for (const QString &line : virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out.split(u'\n')) {
        const QString volume = line.trimmed().section(u' ', 0, 0);
        if (volume.startsWith(prefix))
            virsh({QStringLiteral("vol-delete"), QStringLiteral("--pool"), QStringLiteral("keel"), volume});
    }
}
