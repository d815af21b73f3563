// Settings ▸ Preferences: qemu and gdb paths (auto-detected, checked by running them),
// default machine for new projects, theme and editor font. OK saves to StudioSettings only
// when both tool paths check out (an empty path means "detect on PATH").
//
//   Keel::Studio::SettingsDialog dialog(this);
//   if (dialog.exec() == QDialog::Accepted) applyAppearance();
#pragma once

#include <QDialog>

class QComboBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Keel::Studio {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    QLineEdit* qemuField() const { return m_qemu; }
    QLineEdit* gdbField() const { return m_gdb; }
    QComboBox* machineBox() const { return m_machine; }
    QComboBox* themeBox() const { return m_theme; }
    QFontComboBox* fontBox() const { return m_font; }
    QSpinBox* fontSizeBox() const { return m_fontSize; }
    QString qemuStatus() const;
    QString gdbStatus() const;

    bool save(); // false (nothing saved) when a tool path does not check out
    void accept() override;

private:
    QWidget* toolRow(QLineEdit* field, QLabel* status, const char* program);
    void recheck(QLineEdit* field, QLabel* status, const char* program);
    void load();

    QLineEdit* m_qemu;
    QLabel* m_qemuStatus;
    QLineEdit* m_gdb;
    QLabel* m_gdbStatus;
    QComboBox* m_machine;
    QComboBox* m_theme;
    QFontComboBox* m_font;
    QSpinBox* m_fontSize;
    bool m_toolsOk[2] = {false, false};
};

} // namespace Keel::Studio
