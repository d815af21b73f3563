#include "deploybackend.h"

#include "builder.h"
#include "deploy/deployer.h"
#include "deploy/projectrequest.h"

#include <QFile>

namespace Keel::Studio {

namespace {

constexpr qint64 kMaxLogBytes = 1024 * 1024; // the tail a read-only view needs

QString actionName(DeployBackend::Action action)
{
    switch (action) {
    case DeployBackend::Action::Start: return QStringLiteral("start");
    case DeployBackend::Action::Stop: return QStringLiteral("stop");
    case DeployBackend::Action::Remove: return QStringLiteral("remove");
    }
    return {};
}

} // namespace

void DeployBackend::connectTo(const QString& uri)
{
    const QString target = uri.isEmpty() ? LibvirtConnection::defaultUri() : uri;
    QString error;
    m_connection = LibvirtConnection::open(target, &error);
    emit connected(target, error);
    if (m_connection)
        refresh();
}

bool DeployBackend::requireConnection()
{
    if (m_connection)
        return true;
    emit finished(tr("not connected to a libvirt host"), false);
    return false;
}

void DeployBackend::refresh()
{
    if (!m_connection)
        return;
    QString error;
    const QList<PicoVm> vms = Deployer(*m_connection).list(&error);
    emit listed(vms, error);
}

void DeployBackend::deployProject(const QString& projectDir, int replicas)
{
    if (!requireConnection())
        return;
    emit progress(tr("building the release image of %1…").arg(projectDir));
    BuildOptions options;
    options.profile = Profile::Release;
    const BuildResult build = Builder::build(projectDir, options);
    if (!build.ok()) {
        emit finished(tr("the release build failed; see 'keel build --release' or the Build Output"), false);
        return;
    }
    Diagnostics diagnostics;
    const auto config = Builder::configure(projectDir, &diagnostics);
    if (!config)
        return emit finished(tr("cannot load the project in %1").arg(projectDir), false);
    DeployRequest request = requestForProject(config->project);
    request.replicas = replicas;
    request.imagePath = build.imagePath;
    // The test driver stores no bytes; everything else of a deploy still runs against it.
    if (m_connection->isTestDriver())
        request.upload = ImageUpload::SkipWhenUnsupported;
    Deployer deployer(*m_connection);
    deployer.setProgress([this](const QString& message) { emit progress(message); });
    QString error;
    const bool ok = deployer.deploy(request, &error);
    emit finished(ok ? tr("deployed %1 × %2 to %3").arg(replicas).arg(request.name, m_connection->uri()) : error, ok);
    refresh();
}

void DeployBackend::act(Action action, const QString& name)
{
    if (!requireConnection())
        return;
    Deployer deployer(*m_connection);
    QString error;
    bool ok = false;
    switch (action) {
    case Action::Start: ok = deployer.start(name, &error); break;
    case Action::Stop: ok = deployer.stop(name, &error); break;
    case Action::Remove: ok = deployer.remove(name, &error); break;
    }
    emit finished(ok ? tr("%1: %2 done").arg(name, actionName(action)) : error, ok);
    refresh();
}

void DeployBackend::readLog(const QString& name)
{
    if (!requireConnection())
        return;
    QString error;
    const QString path = Deployer(*m_connection).logPath(name, &error);
    if (path.isEmpty())
        return emit logRead(name, {}, error);
    QFile log(path);
    if (!log.open(QIODevice::ReadOnly))
        return emit logRead(name, {}, tr("cannot read %1: %2").arg(path, log.errorString()));
    if (log.size() > kMaxLogBytes)
        log.seek(log.size() - kMaxLogBytes);
    emit logRead(name, QString::fromUtf8(log.readAll()).remove(u'\r'), {});
}

} // namespace Keel::Studio
