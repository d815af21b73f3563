// Shared set-up of the tests against the real libvirtd at qemu:///system: runs the real `keel`
// and the real `virsh`, one hello-forever project built once, names unique to this run, and
// every domain, volume and pool of this run removed even when a test fails.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <gtest/gtest.h>

struct ProcessOutput {
    int exitCode = -1;
    QString out;
    QString err;
};

ProcessOutput runProgram(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
                         int timeoutMs = 120000);

class LibvirtdTest : public ::testing::Test
{
protected:
    static constexpr const char *kUri = "qemu:///system";

    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;
    void TearDown() override;

    // A deployment name unique to this process, e.g. "kt1234-roll".
    static QString name(const QString &suffix);
    static QString projectDir() { return s_project->filePath(QStringLiteral("fleet")); }
    static ProcessOutput keel(const QStringList &arguments, int timeoutMs = 180000);
    static ProcessOutput virsh(const QStringList &arguments);
    // Domain names of this run, from `virsh list --name` (running) or with --all.
    static QStringList virshDomains(bool all);
    // Waits until the domain's serial log (via `keel logs`) contains text.
    static bool waitForLog(const QString &domain, const QString &text, int timeoutMs);
    static void setProjectVersion(const QString &version);
    // [run] publish of the project (e.g. "8080:80"); empty: none.
    static void setPublished(const QStringList &forwards);

private:
    static void removeEverythingOfThisRun();
    static inline QTemporaryDir *s_project = nullptr;
    static inline QString s_unavailable; // why the suite cannot run, reported by every test
};
