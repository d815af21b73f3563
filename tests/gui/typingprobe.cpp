// studio-typing-probe PROJECT_DIR [KEYS_IDLE]: "typing stays fluid while a build runs", measured.
// bench/studio.sh runs it under Xvfb on a fresh copy of the hello template. It opens the project
// in Keel Studio and types into src/main.cpp: first with nothing else going on (the reference),
// then while cold builds of the project run (Ctrl+B's action, for at least 10 s). A user's keys arrive from the
// X server whether or not the GUI thread is busy, so a separate thread posts them at a steady
// typing pace; each key's latency is from that post to the end of the first editor paint after
// the editor handled it, so a stalled event loop counts in full. Prints one line per phase:
//   typing_idle n=… median_ms=… p95_ms=… max_ms=…
//   typing_build n=… median_ms=… p95_ms=… max_ms=… builds=… build_s=… build_ok=…
// Build saves every editor, so the keys go into a comment appended to main.cpp: run it on a copy.
#include "build/buildcontroller.h"
#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "history/historystore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace Keel::Studio;

namespace {

constexpr auto kKeyInterval = std::chrono::milliseconds(80); // ~12 keys/s, a fast typist
constexpr qint64 kMinBuildMs = 10000; // cold builds are repeated until this much time is covered
constexpr char kText[] = "int total = count + 1;\n"; // typed over and over

// Watches the editor: notes when each posted key is handled, and on the next paint of the
// viewport turns every handled key into a latency sample.
class KeyLatencyRecorder : public QObject {
public:
    explicit KeyLatencyRecorder(CodeEditor* editor)
        : m_editor(editor)
    {
        m_clock.start();
        editor->installEventFilter(this);
        editor->viewport()->installEventFilter(this);
    }

    qint64 now() const { return m_clock.nsecsElapsed(); }

    // Called from the typing thread just before the key is posted.
    void notePosted(qint64 at)
    {
        QMutexLocker lock(&m_mutex);
        m_posted.append(at);
    }

    QList<double> takeSamples()
    {
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_samples, {});
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (m_forwarding)
            return false;
        if (watched == m_editor && event->type() == QEvent::KeyPress) {
            forward(watched, event); // the editor handles the key first...
            QMutexLocker lock(&m_mutex);
            if (m_handled < m_posted.size())
                ++m_handled; // ...then the key waits for its paint
            return true;
        }
        if (watched == m_editor->viewport() && event->type() == QEvent::Paint) {
            forward(watched, event); // through the scroll area's own filter, which paints
            measurePaint();
            return true;
        }
        return false;
    }

private:
    void forward(QObject* watched, QEvent* event)
    {
        m_forwarding = true;
        QCoreApplication::sendEvent(watched, event);
        m_forwarding = false;
    }

    void measurePaint()
    {
        const qint64 paintedAt = now();
        QMutexLocker lock(&m_mutex);
        for (int i = 0; i < m_handled; ++i)
            m_samples.append(double(paintedAt - m_posted.at(i)) / 1e6);
        m_posted.remove(0, m_handled);
        m_handled = 0;
    }

    CodeEditor* m_editor;
    QElapsedTimer m_clock;
    QMutex m_mutex;
    QList<qint64> m_posted; // post times of keys not yet painted, oldest first
    int m_handled = 0; // how many of m_posted the editor has handled
    QList<double> m_samples;
    bool m_forwarding = false;
};

// Posts key presses to the editor at a steady pace from its own thread until stopped.
class Typist {
public:
    Typist(CodeEditor* editor, KeyLatencyRecorder* recorder)
        : m_editor(editor)
        , m_recorder(recorder)
    {
    }
    ~Typist() { stop(); }

    void start()
    {
        m_running = true;
        m_thread = std::thread([this] { typeUntilStopped(); });
    }

    void stop()
    {
        m_running = false;
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    void typeUntilStopped()
    {
        auto next = std::chrono::steady_clock::now();
        for (int i = 0; m_running; ++i) {
            std::this_thread::sleep_until(next += kKeyInterval);
            const char c = kText[i % (sizeof(kText) - 1)];
            const int key = c == '\n' ? int(Qt::Key_Return) : int(QChar(c).toUpper().unicode());
            const QString text = c == '\n' ? QStringLiteral("\r") : QString(QChar(c));
            m_recorder->notePosted(m_recorder->now());
            QCoreApplication::postEvent(m_editor, new QKeyEvent(QEvent::KeyPress, key, Qt::NoModifier, text));
            QCoreApplication::postEvent(m_editor, new QKeyEvent(QEvent::KeyRelease, key, Qt::NoModifier, text));
        }
    }

    CodeEditor* m_editor;
    KeyLatencyRecorder* m_recorder;
    std::atomic<bool> m_running {false};
    std::thread m_thread;
};

// Ctrl+B's action, waited for; true when the build succeeded.
bool buildOnce(MainWindow& window)
{
    QSignalSpy built(window.buildController(), &BuildController::finished);
    window.actions().build->trigger();
    return built.wait(600000)
        && built.first().first().value<BuildSummary>().result.status == Keel::BuildStatus::Ok;
}

double percentile(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(fraction * values.size())));
}

void report(const char* phase, const QList<double>& samples, const QString& extra = {})
{
    std::printf("%s n=%lld median_ms=%.1f p95_ms=%.1f max_ms=%.1f%s\n", phase, qlonglong(samples.size()),
        percentile(samples, 0.5), percentile(samples, 0.95), percentile(samples, 1.0),
        qPrintable(extra.isEmpty() ? extra : u' ' + extra));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Keel"));
    QApplication::setApplicationName(QStringLiteral("Keel Studio"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: studio-typing-probe PROJECT_DIR [IDLE_SECONDS]\n");
        return 2;
    }
    const QString project = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    const int idleSeconds = argc > 2 ? std::atoi(argv[2]) : 5;

    HistoryStore history;
    history.open(nullptr);
    MainWindow window(history.isOpen() ? &history : nullptr);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openProject(project))
        return 1;
    CodeEditor* editor = window.editorTabs()->currentEditor();
    editor->append(QStringLiteral("\n/* typed by studio-typing-probe\n\n*/\n"));
    editor->setCursorPosition(editor->lines() - 3, 0); // the empty line inside the comment
    editor->setFocus();
    KeyLatencyRecorder recorder(editor);
    Typist typist(editor, &recorder);

    typist.start();
    QTest::qWait(idleSeconds * 1000);
    report("typing_idle", recorder.takeSamples());

    // A cold build of a small project takes seconds: repeat it until enough keys fell into builds.
    QElapsedTimer buildClock;
    buildClock.start();
    bool ok = true;
    int builds = 0;
    while (ok && buildClock.elapsed() < kMinBuildMs) {
        QDir(project + QStringLiteral("/build")).removeRecursively();
        ok = buildOnce(window);
        ++builds;
    }
    const qint64 buildMs = buildClock.elapsed();
    typist.stop();
    QTest::qWait(200); // the last keys reach their paint
    report("typing_build", recorder.takeSamples(),
        QStringLiteral("builds=%1 build_s=%2 build_ok=%3")
            .arg(builds)
            .arg(double(buildMs) / 1000, 0, 'f', 1)
            .arg(ok ? 1 : 0));
    return ok ? 0 : 1;
}
