// keel: builds pico VM images and boots them. See docs/cli.md.
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keel"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));
    return Keel::Cli::dispatch(QCoreApplication::arguments().mid(1));
}
