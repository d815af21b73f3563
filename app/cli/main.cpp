// keel: builds pico VM images and boots them. See docs/cli.md.
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // Qt's own event dispatcher starts faster than GLib's, and keel needs nothing from GLib.
    // Only keel's: QEMU, ninja and gdb inherit the environment.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    qunsetenv("QT_NO_GLIB");
    QCoreApplication::setApplicationName(QStringLiteral("keel"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));
    return Keel::Cli::dispatch(QCoreApplication::arguments().mid(1));
}
