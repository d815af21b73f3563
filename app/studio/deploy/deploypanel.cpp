#include "deploypanel.h"

#include "deploybackend.h"
#include "picovmmodel.h"

#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {

QPushButton* addButton(QHBoxLayout* row, const QString& text, const QString& objectName)
{
    auto* button = new QPushButton(text);
    button->setObjectName(objectName);
    row->addWidget(button);
    return button;
}

} // namespace

DeployPanel::DeployPanel(std::function<QString()> projectDir, QWidget* parent)
    : QWidget(parent)
    , m_projectDir(std::move(projectDir))
    , m_backend(new DeployBackend)
    , m_model(new PicoVmModel(this))
    , m_refresh(new QTimer(this))
{
    m_thread.setObjectName(QStringLiteral("keel-deploy"));
    m_backend->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_backend, &QObject::deleteLater);
    m_thread.start();
    buildLayout();
    connectBackend();
    m_refresh->setInterval(kRefreshMs);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (m_refreshing || !isVisible())
            return;
        m_refreshing = true;
        runOnWorker([](DeployBackend* backend) { backend->refresh(); });
    });
    updateButtons();
}

DeployPanel::~DeployPanel()
{
    m_thread.quit();
    m_thread.wait();
}

void DeployPanel::buildLayout()
{
    auto* layout = new QVBoxLayout(this);
    auto* connection = new QHBoxLayout;
    m_uri = new QLineEdit;
    m_uri->setObjectName(QStringLiteral("deployUri"));
    m_uri->setPlaceholderText(tr("default: $KEEL_CONNECT, qemu:///system as root, else qemu:///session"));
    connection->addWidget(new QLabel(tr("Host:")));
    connection->addWidget(m_uri, 1);
    connect(addButton(connection, tr("Connect"), QStringLiteral("deployConnect")), &QPushButton::clicked, this,
            [this] { connectTo(m_uri->text().trimmed()); });
    connect(m_uri, &QLineEdit::returnPressed, this, [this] { connectTo(m_uri->text().trimmed()); });
    layout->addLayout(connection);

    auto* actions = new QHBoxLayout;
    m_replicas = new QSpinBox;
    m_replicas->setRange(1, 100);
    m_replicas->setPrefix(tr("Replicas: "));
    actions->addWidget(m_replicas);
    connect(addButton(actions, tr("Deploy Project"), QStringLiteral("deployProject")), &QPushButton::clicked, this,
            &DeployPanel::deployCurrentProject);
    actions->addStretch();
    const std::pair<const char*, DeployBackend::Action> kActions[] = {
        {"Start", DeployBackend::Action::Start}, {"Stop", DeployBackend::Action::Stop},
        {"Remove", DeployBackend::Action::Remove}};
    for (const auto& [text, action] : kActions) {
        const auto act = action;
        connect(addButton(actions, tr(text), QStringLiteral("deploy%1").arg(QLatin1String(text))), &QPushButton::clicked,
                this, [this, act] {
                    const QString name = selectedName();
                    setBusy(true);
                    runOnWorker([act, name](DeployBackend* backend) { backend->act(act, name); });
                });
    }
    connect(addButton(actions, tr("Log"), QStringLiteral("deployLog")), &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        runOnWorker([name](DeployBackend* backend) { backend->readLog(name); });
    });
    layout->addLayout(actions);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("deployTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeployPanel::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, [this] { button(QStringLiteral("deployLog"))->click(); });
    layout->addWidget(m_table, 1);
    m_status = new QLabel(tr("Not connected. Press Connect to list the pico VMs on a libvirt host."));
    m_status->setObjectName(QStringLiteral("deployStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
}

void DeployPanel::connectBackend()
{
    connect(m_backend, &DeployBackend::connected, this, [this](const QString& uri, const QString& error) {
        m_connected = error.isEmpty();
        m_uri->setText(uri);
        showMessage(m_connected ? tr("Connected to %1.").arg(uri) : error, m_connected);
        if (m_connected)
            m_refresh->start();
        else
            m_refresh->stop();
        setBusy(false);
    });
    connect(m_backend, &DeployBackend::listed, this, [this](const QList<PicoVm>& vms, const QString& error) {
        m_refreshing = false;
        m_model->setVms(vms);
        m_table->resizeColumnsToContents();
        if (!error.isEmpty())
            showMessage(error, false);
        updateButtons();
    });
    connect(m_backend, &DeployBackend::progress, this, [this](const QString& message) { showMessage(message, true); });
    connect(m_backend, &DeployBackend::finished, this, [this](const QString& message, bool ok) {
        showMessage(message, ok);
        setBusy(false);
    });
    connect(m_backend, &DeployBackend::logRead, this, &DeployPanel::showLog);
}

void DeployPanel::runOnWorker(std::function<void(DeployBackend*)> work)
{
    QMetaObject::invokeMethod(m_backend, [backend = m_backend, work] { work(backend); }, Qt::QueuedConnection);
}

void DeployPanel::connectTo(const QString& uri)
{
    setBusy(true);
    showMessage(tr("Connecting to %1…").arg(uri.isEmpty() ? tr("the default host") : uri), true);
    runOnWorker([uri](DeployBackend* backend) { backend->connectTo(uri); });
}

void DeployPanel::deployCurrentProject()
{
    const QString project = m_projectDir ? m_projectDir() : QString();
    if (project.isEmpty())
        return showMessage(tr("Open a project first: the panel deploys the current project."), false);
    const int replicas = m_replicas->value();
    setBusy(true);
    runOnWorker([project, replicas](DeployBackend* backend) { backend->deployProject(project, replicas); });
}

QPushButton* DeployPanel::button(const QString& objectName) const
{
    return findChild<QPushButton*>(objectName);
}

QString DeployPanel::statusText() const
{
    return m_status->text();
}

QString DeployPanel::selectedName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->vm(rows.first().row()).name;
}

void DeployPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
    emit busyChanged(busy);
}

void DeployPanel::updateButtons()
{
    const bool selected = !selectedName().isEmpty();
    button(QStringLiteral("deployConnect"))->setEnabled(!m_busy);
    button(QStringLiteral("deployProject"))->setEnabled(!m_busy && m_connected);
    for (const char* name : {"deployStart", "deployStop", "deployRemove", "deployLog"})
        button(QLatin1String(name))->setEnabled(!m_busy && selected);
}

void DeployPanel::showMessage(const QString& message, bool ok)
{
    m_status->setText(message);
    m_status->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b;"));
}

void DeployPanel::showLog(const QString& name, const QString& text, const QString& error)
{
    if (!m_logView) {
        auto* dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("deployLogDialog"));
        dialog->resize(720, 480);
        m_logView = new QPlainTextEdit(dialog);
        m_logView->setObjectName(QStringLiteral("deployLogView"));
        m_logView->setReadOnly(true);
        m_logView->setFont(QFont(QStringLiteral("monospace")));
        (new QVBoxLayout(dialog))->addWidget(m_logView);
    }
    auto* dialog = static_cast<QDialog*>(m_logView->parentWidget());
    dialog->setWindowTitle(tr("Serial log of %1").arg(name));
    m_logView->setPlainText(error.isEmpty() ? text : error);
    m_logView->moveCursor(QTextCursor::End);
    dialog->show();
    dialog->raise();
}

} // namespace Keel::Studio
