// Run Configuration: edits keel.toml's [run] table (machine, memory, CPUs, port forwards, kernel
// command line) and saves it through builder's KeelTomlEditor, which keeps comments and layout.
#pragma once

#include "project.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Keel::Studio {

class RunConfigDialog : public QDialog {
    Q_OBJECT
public:
    RunConfigDialog(const QString& tomlPath, const RunSettings& settings, QWidget* parent = nullptr);

    // Validates the fields and writes them to keel.toml; false (and a message shown) on error.
    bool apply();
    QComboBox* machineBox() const { return m_machine; }
    QLineEdit* memoryField() const { return m_memory; }
    QSpinBox* cpusBox() const { return m_cpus; }
    QLineEdit* forwardsField() const { return m_forwards; }
    QLineEdit* cmdlineField() const { return m_cmdline; }

    void accept() override;

private:
    bool fail(const QString& message);

    QString m_tomlPath;
    QComboBox* m_machine;
    QLineEdit* m_memory;
    QSpinBox* m_cpus;
    QLineEdit* m_forwards;
    QLineEdit* m_cmdline;
    QLabel* m_error;
};

} // namespace Keel::Studio
