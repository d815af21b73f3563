// keel-studio [PROJECT_DIR]: opens the project, or the welcome page without one.
#include "history/historystore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Keel"));
    QApplication::setApplicationName(QStringLiteral("Keel Studio"));
    QApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("keel-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/keel-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Keel Studio: the IDE for Keel pico VMs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
        QStringLiteral("Folder holding keel.toml to open."), QStringLiteral("[PROJECT_DIR]"));
    parser.process(app);

    // Without history the IDE still works; it only loses recent projects and build records.
    Keel::Studio::HistoryStore history;
    QString error;
    if (!history.open(&error))
        std::fprintf(stderr, "keel-studio: history disabled: %s\n", qPrintable(error));

    Keel::Studio::MainWindow window(history.isOpen() ? &history : nullptr);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openProject(parser.positionalArguments().first());
    return app.exec();
}
