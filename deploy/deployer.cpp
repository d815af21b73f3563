// Deployer: creating and replacing replicas. Fleet queries are in deployerfleet.cpp.
#include "deployer.h"

#include "domainhandle.h"
#include "domainxml.h"
#include "storagepool.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUrl>

namespace Keel {

namespace {

// Enough to tell images apart in a volume name; the full hash is in the metadata.
constexpr int kVolumeHashChars = 12;

bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return pattern.match(name).hasMatch();
}

QString volumeName(const QString &domain, const QString &hash)
{
    // The timestamp keeps a redeploy of the same image from colliding with the volume it replaces.
    return QStringLiteral("%1-%2-%3.elf").arg(domain, hash.left(kVolumeHashChars),
                                            QString::number(QDateTime::currentMSecsSinceEpoch(), 36));
}

} // namespace

Deployer::Deployer(LibvirtConnection &connection)
    : m_connection(connection)
{
}

QString Deployer::replicaName(const QString &deployment, int replica)
{
    return QStringLiteral("%1-%2").arg(deployment).arg(replica);
}

QString Deployer::sha256Hex(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

void Deployer::report(const QString &message) const
{
    if (m_progress)
        m_progress(message);
}

QString Deployer::domainTypeFor(const DeployRequest &request) const
{
    if (!request.domainType.isEmpty())
        return request.domainType;
    return m_connection.isTestDriver() ? QStringLiteral("test") : QStringLiteral("qemu");
}

QString Deployer::serialLogPathFor(const QString &domainName) const
{
    const QString file = domainName + QStringLiteral(".serial.log");
    if (m_connection.isTestDriver())
        return QStringLiteral("/var/log/keel/") + file;
    if (QUrl(m_connection.uri()).path() == u"/session" && !m_connection.isRemote())
        return QDir::homePath() + QStringLiteral("/.cache/libvirt/qemu/log/") + file;
    return QStringLiteral("/var/log/libvirt/qemu/") + file;
}

bool Deployer::checkNames(const DeployRequest &request, QList<int> *replacing, QString *error) const
{
    if (!isValidName(request.name)) {
        *error = QStringLiteral("'%1' is not a valid deployment name\nhint: use letters, digits, '_', '-' and '.'").arg(request.name);
        return false;
    }
    if (request.replicas < 1) {
        *error = QStringLiteral("--replicas must be at least 1");
        return false;
    }
    for (int replica = 1; replica <= request.replicas; ++replica) {
        const QString name = replicaName(request.name, replica);
        DomainHandle domain(virDomainLookupByName(m_connection.handle(), name.toUtf8().constData()));
        if (!domain)
            continue;
        const auto metadata = metadataOf(domain.get());
        if (!metadata || metadata->deployment != request.name) {
            *error = QStringLiteral("a domain named '%1' already exists on %2 and is not a replica of Keel deployment '%3'\n"
                                    "hint: choose another --name, or remove that domain (virsh undefine %1)")
                         .arg(name, m_connection.uri(), request.name);
            return false;
        }
        replacing->append(replica);
    }
    return true;
}

bool Deployer::deploy(const DeployRequest &request, QString *error)
{
    QList<int> replacing;
    if (!checkNames(request, &replacing, error))
        return false;
    const QString hash = sha256Hex(request.imagePath);
    if (hash.isEmpty()) {
        *error = QStringLiteral("cannot read image %1\nhint: build it first with 'keel build'").arg(request.imagePath);
        return false;
    }
    auto pool = StoragePool::openOrCreate(m_connection, error);
    if (!pool)
        return false;
    QStringList created;
    for (int replica = 1; replica <= request.replicas; ++replica) {
        if (deployReplica(request, replica, *pool, hash, error)) {
            if (!replacing.contains(replica))
                created << replicaName(request.name, replica);
            continue;
        }
        for (const QString &name : std::as_const(created))
            removeDomain(name, nullptr);
        return false;
    }
    // A smaller --replicas than before retires the replicas above the new count.
    for (const PicoVm &vm : list(error)) {
        if (vm.metadata.deployment == request.name && vm.metadata.replica > request.replicas)
            removeDomain(vm.name, nullptr);
    }
    error->clear();
    return true;
}

bool Deployer::deployReplica(const DeployRequest &request, int replica, StoragePool &pool, const QString &hash,
                             QString *error)
{
    const QString name = replicaName(request.name, replica);
    DomainSpec spec;
    spec.name = name;
    spec.domainType = domainTypeFor(request);
    spec.machine = request.machine;
    spec.memoryBytes = request.memoryBytes;
    spec.cpus = request.cpus;
    spec.cmdline = request.cmdline;
    spec.serialLogPath = serialLogPathFor(name);
    for (HostForward forward : request.portForwards) {
        forward.hostPort = quint16(forward.hostPort + replica - 1);
        spec.portForwards << forward;
    }
    spec.metadata = {request.project, request.version, hash, request.name, replica, pool.name(),
                     volumeName(name, hash), 0};
    spec.kernelPath = pool.upload(spec.metadata.volume, request.imagePath, request.upload, error);
    if (spec.kernelPath.isEmpty())
        return false;

    // Rolling: the old replica goes only now, right before its successor starts.
    QString oldXml;
    std::optional<KeelMetadata> oldMetadata;
    if (DomainHandle old{virDomainLookupByName(m_connection.handle(), name.toUtf8().constData())}) {
        oldMetadata = metadataOf(old.get());
        char *xml = virDomainGetXMLDesc(old.get(), VIR_DOMAIN_XML_INACTIVE);
        oldXml = QString::fromUtf8(xml);
        free(xml);
        report(QStringLiteral("replacing %1").arg(name));
        if (virDomainIsActive(old.get()) == 1)
            virDomainDestroy(old.get());
        virDomainUndefine(old.get());
    }
    if (startDomain(DomainXml::build(spec), spec.metadata, error)) {
        if (oldMetadata)
            pool.remove(oldMetadata->volume);
        report(QStringLiteral("started %1").arg(name));
        return true;
    }
    pool.remove(spec.metadata.volume);
    if (oldMetadata) {
        QString ignored;
        startDomain(oldXml, *oldMetadata, &ignored);
        *error += QStringLiteral("\nnote: the previous %1 was restored").arg(name);
    }
    return false;
}

bool Deployer::startDomain(const QString &xml, const KeelMetadata &metadata, QString *error)
{
    DomainHandle domain(virDomainDefineXML(m_connection.handle(), xml.toUtf8().constData()));
    if (!domain) {
        *error = LibvirtConnection::lastError(QStringLiteral("libvirt rejected the domain definition"));
        return false;
    }
    if (virDomainCreate(domain.get()) < 0) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot start domain '%1'").arg(QString::fromUtf8(virDomainGetName(domain.get()))));
        virDomainUndefine(domain.get());
        return false;
    }
    // libvirt keeps no start time; the live definition carries it for `keel ps`.
    KeelMetadata live = metadata;
    live.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    virDomainSetMetadata(domain.get(), VIR_DOMAIN_METADATA_ELEMENT, DomainXml::metadataElement(live).toUtf8().constData(),
                         DomainXml::kKeelPrefix, DomainXml::kKeelNamespace, VIR_DOMAIN_AFFECT_LIVE);
    return true;
}

} // namespace Keel
