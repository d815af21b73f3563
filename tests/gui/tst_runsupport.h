// Shared by tst_run and tst_debug: projects made from the real templates, a main window over a
// private history database, and waits that spin the event loop until a condition holds.
#pragma once

#include "editor/editortabs.h"
#include "fakeprompt.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "run/runworkspace.h"

#include "keeltree.h"
#include "projectcreator.h"
#include "templatecatalog.h"

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <memory>

namespace RunTestSupport {

constexpr int kBuildAndBootTimeoutMs = 300000; // a cold kernel build on two busy cores

// Creates <dir>/<name> from the template; empty on failure (error says why).
inline QString createProject(const QTemporaryDir& dir, const QString& templateName, const QString& name,
    QString* error)
{
    const auto tree = Keel::KeelTree::locate(error);
    if (!tree)
        return {};
    const auto templ = Keel::TemplateCatalog(tree->templatesDir()).find(templateName);
    if (!templ) {
        *error = QStringLiteral("no template %1").arg(templateName);
        return {};
    }
    const QString path = dir.filePath(name);
    return Keel::ProjectCreator::create(*templ, path, name, error) ? path : QString();
}

inline bool waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

struct StudioFixture {
    QTemporaryDir dir;
    std::unique_ptr<Keel::Studio::HistoryStore> history;
    PromptLog log;

    bool open()
    {
        history = std::make_unique<Keel::Studio::HistoryStore>(dir.filePath(QStringLiteral("keel.db")));
        return history->open(nullptr);
    }

    std::unique_ptr<Keel::Studio::MainWindow> makeWindow()
    {
        auto window = std::make_unique<Keel::Studio::MainWindow>(history.get());
        window->editorTabs()->setPrompt(std::make_unique<FakePrompt>(&log, Keel::Studio::SaveChoice::Discard));
        window->resize(1280, 800); // the size of the screenshots for docs/
        return window;
    }
};

inline Keel::Studio::RunWorkspace* runWorkspace(Keel::Studio::MainWindow* window)
{
    return window->findChild<Keel::Studio::RunWorkspace*>();
}

} // namespace RunTestSupport
