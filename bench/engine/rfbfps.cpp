// rfbfps IMAGE [SECONDS] [auto|kvm|tcg]: boots IMAGE (a guest that keeps changing its VGA screen) with the
// display on, connects Keel's RfbClient to it and prints, once a second, how many framebuffer
// updates reached the consumer and how much of the screen they covered; then the median.
// Built and run by bench/engine.sh against the keelemulator library.
#include "emulator/qemurunner.h"
#include "emulator/rfbclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Keel;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: rfbfps IMAGE [SECONDS] [auto|kvm|tcg]\n");
        return 2;
    }
    const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
    RunProfile profile;
    profile.machine = QemuMachine::Pc;
    profile.memoryBytes = 4 * 1024 * 1024;
    profile.accel = qemuAccelFromName(QString::fromLatin1(argc > 3 ? argv[3] : "tcg")).value_or(QemuAccel::Tcg);
    profile.display = Display::Vnc;
    QemuRunner runner;
    runner.setProfile(profile);
    RfbClient client;
    int frames = 0;
    qint64 pixels = 0;
    quint32 checksum = 0; // the consumer reads every frame it is given
    QObject::connect(&client, &RfbClient::framebufferUpdated, [&](const QList<QRect> &dirty) {
        ++frames;
        for (const QRect &rect : dirty)
            pixels += qint64(rect.width()) * rect.height();
        checksum += client.framebuffer().pixel(frames % client.framebuffer().width(), 0);
    });
    QObject::connect(&runner, &QemuRunner::stateChanged, [&](QemuRunner::State state) {
        if (state == QemuRunner::State::Running)
            client.connectToServer(runner.vncSocketPath());
    });
    QObject::connect(&runner, &QemuRunner::notice, [](const QString &note) { std::fprintf(stderr, "rfbfps: %s\n", qPrintable(note)); });
    QObject::connect(&runner, &QemuRunner::finished, [&](const RunResult &result) {
        std::fprintf(stderr, "rfbfps: QEMU ended: %s\n", qPrintable(result.message));
        app.exit(1);
    });
    QList<int> perSecond;
    QTimer second;
    QObject::connect(&second, &QTimer::timeout, [&] {
        if (client.state() != RfbClient::State::Ready)
            return;
        const double screen = double(client.framebuffer().width()) * client.framebuffer().height();
        std::printf("%dx%d: %d frames/s, %.0f%% of the screen each\n", client.framebuffer().width(),
                    client.framebuffer().height(), frames, frames ? 100.0 * double(pixels) / frames / screen : 0.0);
        std::fflush(stdout);
        perSecond.append(frames);
        frames = 0;
        pixels = 0;
        if (perSecond.size() > seconds) { // the first second includes the handshake: dropped
            perSecond.removeFirst();
            std::sort(perSecond.begin(), perSecond.end());
            std::printf("median %d frames/s (checksum %u)\n", perSecond[perSecond.size() / 2], checksum);
            runner.kill();
            app.exit(0);
        }
    });
    second.start(1000);
    runner.start(QString::fromLocal8Bit(argv[1]));
    return app.exec();
}
