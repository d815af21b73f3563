// Helpers shared by the Keel Studio GUI tests: writing and reading files byte for byte, and a
// temporary project made from one of the real templates (what `keel new` would create).
#pragma once

#include "keeltree.h"
#include "projectcreator.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

namespace KeelGuiTest {

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(bytes);
}

inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Creates <dir>/<name> from template templateName; empty on failure (the reason in *error).
inline QString createFromTemplate(
    const QString& dir, const QString& templateName, const QString& name, QString* error)
{
    const std::optional<Keel::KeelTree> tree = Keel::KeelTree::locate(error);
    if (!tree)
        return {};
    const auto templ = Keel::TemplateCatalog(tree->templatesDir()).find(templateName);
    if (!templ) {
        *error = QStringLiteral("no template %1").arg(templateName);
        return {};
    }
    const QString target = dir + QLatin1Char('/') + name;
    return Keel::ProjectCreator::create(*templ, target, name, error) ? target : QString();
}

} // namespace KeelGuiTest

// main() of a GUI test: a QApplication whose settings and data go to QStandardPaths' test
// locations, never the user's. Those are shared by every test binary (~/.qttest), so the
// application name carries the binary's: tests run in parallel must not clear each other's.
#define KEEL_GUI_TEST_MAIN(TestClass)                                                             \
    int main(int argc, char** argv)                                                               \
    {                                                                                             \
        QApplication app(argc, argv);                                                             \
        QApplication::setOrganizationName("Keel");                                                \
        QApplication::setApplicationName(QStringLiteral("Keel Studio Tests ")                     \
            + QFileInfo(QString::fromLocal8Bit(argv[0])).fileName());                             \
        QStandardPaths::setTestModeEnabled(true);                                                 \
        TestClass test;                                                                           \
        return QTest::qExec(&test, argc, argv);                                                   \
    }
