// One editor widget for a module option, chosen by the manifest's type: a check box (bool), a
// combo box (choice) or a line edit (int, size, string). It reports the value the user set in
// the raw form keel.toml takes (bool, qint64 or QString); checking is the caller's job.
#pragma once

#include "modulemanifest.h"

#include <QWidget>

class QLabel;

namespace Keel::Studio {

class OptionEditor : public QWidget {
    Q_OBJECT
public:
    OptionEditor(const QString& module, const ModuleOption& option, const QVariant& current,
        QWidget* parent = nullptr);

    QString module() const { return m_module; }
    QString name() const { return m_option.name; }
    QWidget* input() const { return m_input; }
    void showError(const QString& message); // empty: clears it

signals:
    void edited(const QString& module, const QString& name, const QVariant& raw);

private:
    QWidget* makeInput(const QVariant& current);
    QVariant rawFromText(const QString& text) const;

    QString m_module;
    ModuleOption m_option;
    QWidget* m_input = nullptr;
    QLabel* m_error;
};

} // namespace Keel::Studio
