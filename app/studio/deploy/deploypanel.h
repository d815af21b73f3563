// DeployPanel: Keel Studio's Deploy dock — a libvirt connection URI, "deploy the current
// project", a table of Keel's pico VMs on that host (refreshed in the background), start / stop
// / remove and a read-only view of a pico VM's serial log. All libvirt work runs in
// DeployBackend on the panel's own worker thread.
//
//   auto* panel = new DeployPanel([window] { return window->projectDir(); }, window);
#pragma once

#include <QThread>
#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace Keel::Studio {

class DeployBackend;
class PicoVmModel;

class DeployPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 2000;

    explicit DeployPanel(std::function<QString()> projectDir, QWidget* parent = nullptr);
    ~DeployPanel() override;

    void connectTo(const QString& uri);
    void deployCurrentProject();

    QLineEdit* uriEdit() const { return m_uri; }
    QSpinBox* replicas() const { return m_replicas; }
    QTableView* table() const { return m_table; }
    PicoVmModel* model() const { return m_model; }
    QPushButton* button(const QString& objectName) const;
    QPlainTextEdit* logView() const { return m_logView; }
    QString statusText() const;
    QThread* workerThread() { return &m_thread; }

signals:
    void busyChanged(bool busy);

private:
    void buildLayout();
    void connectBackend();
    void setBusy(bool busy);
    void updateButtons();
    void showMessage(const QString& message, bool ok);
    QString selectedName() const;
    void runOnWorker(std::function<void(DeployBackend*)> work);
    void showLog(const QString& name, const QString& text, const QString& error);

    std::function<QString()> m_projectDir;
    QThread m_thread;
    DeployBackend* m_backend = nullptr;
    PicoVmModel* m_model = nullptr;
    QLineEdit* m_uri = nullptr;
    QSpinBox* m_replicas = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_logView = nullptr;
    QTimer* m_refresh = nullptr;
    bool m_busy = false;
    bool m_refreshing = false;
    bool m_connected = false;
};

} // namespace Keel::Studio
