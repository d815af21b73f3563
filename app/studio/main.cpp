// keel-studio [PROJECT_DIR]: opens the project, or the welcome page without one.
#include "history/historystore.h"
#include "mainwindow.h"
#include "studiosettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <QIcon>
#include <cstdio>

namespace {

QElapsedTimer s_sinceStart;

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void reportWhenInteractive(QWidget* window)
{
    QTimer::singleShot(0, window, [window] {
        window->repaint(); // the first frame is on screen before we call it interactive
        std::printf("interactive_ms=%lld rss_kib=%lld\n", s_sinceStart.elapsed(), residentKiB());
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
}

} // namespace

int main(int argc, char* argv[])
{
    s_sinceStart.start();
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
    // For bench/studio.sh: once the window is up with the project open and the event loop is
    // idle (the user could type), print the time since start and the resident memory, and quit.
    QCommandLineOption probe(QStringLiteral("startup-probe"),
        QStringLiteral("Print startup time and memory once interactive, then quit."));
    probe.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(probe);
    parser.process(app);

    if (const Keel::Studio::Theme theme = Keel::Studio::StudioSettings::theme();
        theme != Keel::Studio::Theme::System)
        Keel::Studio::Themes::apply(theme);

    // Without history the IDE still works; it only loses recent projects and build records.
    Keel::Studio::HistoryStore history;
    QString error;
    if (!history.open(&error))
        std::fprintf(stderr, "keel-studio: history disabled: %s\n", qPrintable(error));

    Keel::Studio::MainWindow window(history.isOpen() ? &history : nullptr);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openProject(parser.positionalArguments().first());
    if (parser.isSet(probe))
        reportWhenInteractive(&window);
    return app.exec();
}
