// A UserPrompt that answers from a script and remembers what it was asked, so tests can
// check that the user would have been asked (and what happens for each answer).
#pragma once

#include "editor/userprompt.h"

#include <QStringList>

struct PromptLog {
    QList<QStringList> saveQuestions;
    QStringList reloadQuestions;
    QStringList errors;
};

class FakePrompt : public Keel::Studio::UserPrompt {
public:
    FakePrompt(PromptLog* log, Keel::Studio::SaveChoice saveAnswer, bool reloadAnswer = true)
        : m_log(log)
        , m_saveAnswer(saveAnswer)
        , m_reloadAnswer(reloadAnswer)
    {
    }
    Keel::Studio::SaveChoice askSaveChanges(const QStringList& fileNames) override
    {
        m_log->saveQuestions.append(fileNames);
        return m_saveAnswer;
    }
    bool askReload(const QString& fileName) override
    {
        m_log->reloadQuestions.append(fileName);
        return m_reloadAnswer;
    }
    void showError(const QString& message) override { m_log->errors.append(message); }

private:
    PromptLog* m_log;
    Keel::Studio::SaveChoice m_saveAnswer;
    bool m_reloadAnswer;
};
