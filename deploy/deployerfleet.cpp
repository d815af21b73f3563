// Deployer: the fleet queries behind `keel ps / logs / stop / rm`.
#include "deployer.h"

#include "domainhandle.h"
#include "domainxml.h"
#include "storagepool.h"

#include <QDateTime>
#include <QFile>
#include <algorithm>

namespace Keel {

namespace {

QString stateName(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return QStringLiteral("running");
    case VIR_DOMAIN_BLOCKED: return QStringLiteral("idle");
    case VIR_DOMAIN_PAUSED: return QStringLiteral("paused");
    case VIR_DOMAIN_SHUTDOWN: return QStringLiteral("shutting down");
    case VIR_DOMAIN_SHUTOFF: return QStringLiteral("shut off");
    case VIR_DOMAIN_CRASHED: return QStringLiteral("crashed");
    case VIR_DOMAIN_PMSUSPENDED: return QStringLiteral("suspended");
    default: return QStringLiteral("unknown");
    }
}

} // namespace

std::optional<KeelMetadata> Deployer::metadataOf(virDomain *domain) const
{
    char *text = virDomainGetMetadata(domain, VIR_DOMAIN_METADATA_ELEMENT, DomainXml::kKeelNamespace, VIR_DOMAIN_AFFECT_CURRENT);
    if (!text)
        return std::nullopt;
    const QString xml = QString::fromUtf8(text);
    free(text);
    return DomainXml::parseMetadata(xml);
}

QList<PicoVm> Deployer::list(QString *error) const
{
    virDomainPtr *domains = nullptr;
    const int count = virConnectListAllDomains(m_connection.handle(), &domains, 0);
    if (count < 0) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot list domains on %1").arg(m_connection.uri()));
        return {};
    }
    const QString host = m_connection.hostName();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<PicoVm> result;
    for (int i = 0; i < count; ++i) {
        DomainHandle domain(domains[i]);
        const auto metadata = metadataOf(domain.get());
        virDomainInfo info;
        if (!metadata || virDomainGetInfo(domain.get(), &info) < 0)
            continue;
        PicoVm vm;
        vm.name = QString::fromUtf8(virDomainGetName(domain.get()));
        vm.state = stateName(info.state);
        vm.memoryBytes = qint64(info.maxMem) * 1024;
        vm.metadata = *metadata;
        vm.host = host;
        if (virDomainIsActive(domain.get()) == 1 && metadata->startedAtMs > 0)
            vm.uptimeMs = now - metadata->startedAtMs;
        result << vm;
    }
    free(domains);
    std::sort(result.begin(), result.end(), [](const PicoVm &a, const PicoVm &b) {
        return std::pair(a.metadata.deployment, a.metadata.replica) < std::pair(b.metadata.deployment, b.metadata.replica);
    });
    return result;
}

QStringList Deployer::resolveNames(const QString &name, QString *error) const
{
    QStringList names;
    const QList<PicoVm> vms = list(error);
    for (const PicoVm &vm : vms) {
        if (vm.name == name)
            return {name};
        if (vm.metadata.deployment == name)
            names << vm.name;
    }
    if (names.isEmpty() && error->isEmpty())
        *error = QStringLiteral("no Keel pico VM or deployment named '%1' on %2\nhint: 'keel ps --connect %2' lists them")
                     .arg(name, m_connection.uri());
    return names;
}

bool Deployer::isRunning(const QString &name) const
{
    DomainHandle domain(virDomainLookupByName(m_connection.handle(), name.toUtf8().constData()));
    return domain && virDomainIsActive(domain.get()) == 1;
}

bool Deployer::start(const QString &name, QString *error)
{
    const QStringList names = resolveNames(name, error);
    for (const QString &each : names) {
        DomainHandle domain(virDomainLookupByName(m_connection.handle(), each.toUtf8().constData()));
        if (!domain || virDomainIsActive(domain.get()) == 1)
            continue;
        const auto metadata = metadataOf(domain.get());
        if (virDomainCreate(domain.get()) < 0) {
            *error = LibvirtConnection::lastError(QStringLiteral("cannot start '%1'").arg(each));
            return false;
        }
        if (metadata)
            markStarted(domain.get(), *metadata);
        report(QStringLiteral("started %1").arg(each));
    }
    return !names.isEmpty();
}

bool Deployer::stop(const QString &name, QString *error)
{
    const QStringList names = resolveNames(name, error);
    for (const QString &each : names) {
        DomainHandle domain(virDomainLookupByName(m_connection.handle(), each.toUtf8().constData()));
        // A pico VM keeps no state worth flushing, and most have no ACPI power-button handler.
        if (domain && virDomainIsActive(domain.get()) == 1 && virDomainDestroy(domain.get()) < 0) {
            *error = LibvirtConnection::lastError(QStringLiteral("cannot stop '%1'").arg(each));
            return false;
        }
        report(QStringLiteral("stopped %1").arg(each));
    }
    return !names.isEmpty();
}

bool Deployer::remove(const QString &name, QString *error)
{
    const QStringList names = resolveNames(name, error);
    for (const QString &each : names) {
        if (!removeDomain(each, error))
            return false;
        report(QStringLiteral("removed %1").arg(each));
    }
    return !names.isEmpty();
}

bool Deployer::stopAll(QString *error)
{
    for (const PicoVm &vm : list(error)) {
        if (!stop(vm.name, error))
            return false;
    }
    return error->isEmpty();
}

bool Deployer::removeAll(QString *error)
{
    for (const PicoVm &vm : list(error)) {
        if (!removeDomain(vm.name, error))
            return false;
        report(QStringLiteral("removed %1").arg(vm.name));
    }
    return error->isEmpty();
}

bool Deployer::removeDomain(const QString &name, QString *error)
{
    DomainHandle domain(virDomainLookupByName(m_connection.handle(), name.toUtf8().constData()));
    if (!domain)
        return true;
    const auto metadata = metadataOf(domain.get());
    char *xml = virDomainGetXMLDesc(domain.get(), 0);
    const QString logFile = DomainXml::serialLogPath(QString::fromUtf8(xml));
    free(xml);
    if (virDomainIsActive(domain.get()) == 1)
        virDomainDestroy(domain.get());
    if (virDomainIsPersistent(domain.get()) == 1 && virDomainUndefine(domain.get()) < 0) {
        if (error)
            *error = LibvirtConnection::lastError(QStringLiteral("cannot remove '%1'").arg(name));
        return false;
    }
    if (metadata)
        releaseVolume(metadata->pool, metadata->volume);
    if (!m_connection.isRemote() && !m_connection.isTestDriver() && !logFile.isEmpty())
        QFile::remove(logFile);
    return true;
}

void Deployer::releaseVolume(const QString &poolName, const QString &volume)
{
    if (volume.isEmpty())
        return;
    QString error;
    for (const PicoVm &vm : list(&error)) {
        if (vm.metadata.volume == volume && vm.metadata.pool == poolName)
            return;
    }
    if (auto pool = StoragePool::openOrCreate(m_connection, poolName, &error))
        pool->remove(volume);
}

QString Deployer::logPath(const QString &name, QString *error) const
{
    if (m_connection.isRemote()) {
        *error = QStringLiteral("'keel logs' reads the serial log file on the hypervisor's host, and %1 is remote; "
                                "that is not supported yet\nhint: read it there: ssh HOST cat %2")
                     .arg(m_connection.uri(), serialLogPathFor(name));
        return {};
    }
    const QStringList names = resolveNames(name, error);
    if (names.size() > 1) {
        *error = QStringLiteral("deployment '%1' has %2 replicas\nhint: name one: %3")
                     .arg(name).arg(names.size()).arg(names.join(QStringLiteral(", ")));
        return {};
    }
    if (names.isEmpty())
        return {};
    DomainHandle domain(virDomainLookupByName(m_connection.handle(), names.first().toUtf8().constData()));
    char *xml = domain ? virDomainGetXMLDesc(domain.get(), 0) : nullptr;
    const QString path = DomainXml::serialLogPath(QString::fromUtf8(xml));
    free(xml);
    if (path.isEmpty())
        *error = QStringLiteral("'%1' has no serial log file").arg(names.first());
    return path;
}

} // namespace Keel
