// TerminationSignals: SIGINT, SIGTERM and SIGHUP as a Qt signal, so a command can stop QEMU and
// remove its runtime directory instead of dying with it. Async-signal-safe: the handler only
// writes the number to a pipe that a QSocketNotifier reads. One instance at a time; the
// previous dispositions come back when it is destroyed.
//
//   Keel::Cli::TerminationSignals terminationSignals;
//   connect(&terminationSignals, &TerminationSignals::received, &runner, &Keel::QemuRunner::stop);
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace Keel::Cli {

class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    // IgnoreInterrupt: Ctrl+C belongs to a foreground child (gdb interrupts the guest with it).
    enum class Interrupt { Handle, Ignore };

    explicit TerminationSignals(Interrupt interrupt = Interrupt::Handle, QObject *parent = nullptr);
    ~TerminationSignals() override;

    static QString name(int signalNumber); // "SIGINT"
    static int exitCode(int signalNumber) { return 128 + signalNumber; } // the shell's convention

signals:
    void received(int signalNumber);

private:
    void onReadable();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace Keel::Cli
