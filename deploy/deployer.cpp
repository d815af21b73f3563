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
constexpr const char *kQbootPath = "/usr/share/qemu/qboot.rom";

bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return pattern.match(name).hasMatch();
}

// One volume per deployment and image content, shared by all its replicas.
QString volumeName(const QString &deployment, const QString &hash)
{
    return QStringLiteral("%1-%2.elf").arg(deployment, hash.left(kVolumeHashChars));
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
    auto pool = StoragePool::openOrCreate(m_connection, request.pool, error);
    if (!pool)
        return false;
    Image image;
    if (!prepareImage(request, *pool, &image, error))
        return false;
    // Rolling: one replica at a time, each new one running before the next old one goes.
    for (int replica : std::as_const(replacing)) {
        if (!replaceReplica(specFor(request, replica, image, pool->name()), error)) {
            releaseVolume(pool->name(), image.volume);
            return false;
        }
    }
    QList<DomainSpec> fresh;
    for (int replica = 1; replica <= request.replicas; ++replica) {
        if (!replacing.contains(replica))
            fresh << specFor(request, replica, image, pool->name());
    }
    QStringList started;
    if (!startInParallel(fresh, &started, error)) {
        for (const QString &name : std::as_const(started))
            removeDomain(name, nullptr);
        releaseVolume(pool->name(), image.volume);
        if (!started.isEmpty())
            *error += QStringLiteral("\nnote: the %1 replicas this deploy had started were removed again").arg(started.size());
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

bool Deployer::prepareImage(const DeployRequest &request, StoragePool &pool, Image *image, QString *error)
{
    image->hash = sha256Hex(request.imagePath);
    if (image->hash.isEmpty()) {
        *error = QStringLiteral("cannot read image %1\nhint: build it first with 'keel build'").arg(request.imagePath);
        return false;
    }
    image->volume = volumeName(request.name, image->hash);
    // The same content deployed again boots from the volume already there: uploaded once, not N times.
    image->kernelPath = pool.pathOf(image->volume);
    if (image->kernelPath.isEmpty())
        image->kernelPath = pool.upload(image->volume, request.imagePath, request.upload, error);
    return !image->kernelPath.isEmpty();
}

DomainSpec Deployer::specFor(const DeployRequest &request, int replica, const Image &image, const QString &pool) const
{
    DomainSpec spec;
    spec.name = replicaName(request.name, replica);
    spec.domainType = domainTypeFor(request);
    spec.machine = request.machine;
    spec.memoryBytes = request.memoryBytes;
    spec.cpus = request.cpus;
    spec.cmdline = request.cmdline;
    spec.serialLogPath = serialLogPathFor(spec.name);
    spec.kernelPath = image.kernelPath;
    for (HostForward forward : request.portForwards) {
        forward.hostPort = quint16(forward.hostPort + replica - 1);
        spec.portForwards << forward;
    }
    // qboot only jumps to the kernel: a third of SeaBIOS's CPU time under TCG. But it assigns no
    // 64-bit memory BARs, where virtio-pci keeps its modern registers, so a domain with Keel's
    // network card (port forwards) boots with SeaBIOS. Only known to exist when the hypervisor
    // runs here.
    if (spec.portForwards.isEmpty() && !m_connection.isRemote() && !m_connection.isTestDriver()
        && QFile::exists(QLatin1String(kQbootPath)))
        spec.firmwarePath = QLatin1String(kQbootPath);
    spec.metadata = {request.project, request.version, image.hash, request.name, replica, pool, image.volume, 0};
    return spec;
}

bool Deployer::replaceReplica(const DomainSpec &spec, QString *error)
{
    DomainHandle old(virDomainLookupByName(m_connection.handle(), spec.name.toUtf8().constData()));
    const std::optional<KeelMetadata> oldMetadata = metadataOf(old.get());
    char *xml = virDomainGetXMLDesc(old.get(), VIR_DOMAIN_XML_INACTIVE);
    const QString oldXml = QString::fromUtf8(xml);
    free(xml);
    report(QStringLiteral("replacing %1").arg(spec.name));
    if (virDomainIsActive(old.get()) == 1)
        virDomainDestroy(old.get());
    virDomainUndefine(old.get());
    // The log then shows the running version only (the old one is gone, not restarted).
    if (!m_connection.isRemote() && !m_connection.isTestDriver())
        QFile::remove(DomainXml::serialLogPath(oldXml));
    if (startDomain(DomainXml::build(spec), spec.metadata, error)) {
        if (oldMetadata)
            releaseVolume(oldMetadata->pool, oldMetadata->volume);
        report(QStringLiteral("started %1").arg(spec.name));
        return true;
    }
    if (oldMetadata) {
        QString ignored;
        startDomain(oldXml, *oldMetadata, &ignored);
        *error += QStringLiteral("\nnote: the previous %1 was restored").arg(spec.name);
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
    // Before the call: every libvirt API, virDomainGetName too, clears the thread's last error.
    const QString name = QString::fromUtf8(virDomainGetName(domain.get()));
    if (virDomainCreate(domain.get()) < 0) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot start domain '%1'").arg(name));
        virDomainUndefine(domain.get());
        return false;
    }
    markStarted(domain.get(), metadata);
    return true;
}

void Deployer::markStarted(virDomain *domain, const KeelMetadata &metadata)
{
    // libvirt keeps no start time; the live definition carries it for `keel ps`.
    KeelMetadata live = metadata;
    live.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    virDomainSetMetadata(domain, VIR_DOMAIN_METADATA_ELEMENT, DomainXml::metadataElement(live).toUtf8().constData(),
                         DomainXml::kKeelPrefix, DomainXml::kKeelNamespace, VIR_DOMAIN_AFFECT_LIVE);
}

} // namespace Keel
