// Deployer: runs Keel images as libvirt domains — N replicas named <name>-<i>, rolling
// redeploys, and the fleet queries behind `keel ps / logs / stop / rm`. Only domains carrying
// Keel's <metadata> are ever touched.
//
//   QString error;
//   auto connection = Keel::LibvirtConnection::open(u"qemu:///system"_s, &error);
//   Keel::Deployer deployer(*connection);
//   Keel::DeployRequest request; request.name = u"web"_s; request.replicas = 3; request.imagePath = elf;
//   if (!deployer.deploy(request, &error)) ...           // nothing of this deploy is left behind
//   for (const Keel::PicoVm &vm : deployer.list(&error)) ...
#pragma once

#include "deployrequest.h"
#include "libvirtconnection.h"

#include <functional>
#include <optional>

typedef struct _virDomain virDomain;

namespace Keel {

class StoragePool;

class Deployer
{
public:
    using Progress = std::function<void(const QString &message)>;

    explicit Deployer(LibvirtConnection &connection);

    void setProgress(Progress progress) { m_progress = std::move(progress); }

    // Creates and starts the replicas (new ones several at a time), or replaces an existing
    // deployment of the same name one replica at a time (each new one running before the next old
    // one goes). The image is uploaded once per deployment and content; replicas share the volume.
    // On failure undoes everything this call created and restores a replaced replica.
    bool deploy(const DeployRequest &request, QString *error);

    QList<PicoVm> list(QString *error) const;
    // NAME is a domain (web-2) or a deployment (web: every replica). Stopped domains stay defined.
    bool start(const QString &name, QString *error);
    bool stop(const QString &name, QString *error);
    bool stopAll(QString *error);
    // Stops if needed, undefines, deletes the uploaded volume and the serial log.
    bool remove(const QString &name, QString *error);
    bool removeAll(QString *error);
    // The serial log file of a domain on this host; empty with *error for remote hosts.
    QString logPath(const QString &name, QString *error) const;
    bool isRunning(const QString &name) const;

    static QString replicaName(const QString &deployment, int replica);
    static QString sha256Hex(const QString &filePath);

    // How many new replicas start at once. libvirtd serves at most max_client_requests (5 by
    // default) calls of one connection at a time, so more threads would only queue there; and a
    // start is CPU-bound (≈0.45 CPU-s in libvirtd and QEMU under TCG), so 5 already keep a small
    // host's cores busy while bounding how many QEMUs compete with the user's other work.
    static constexpr int kParallelStarts = 5;

private:
    struct Image {
        QString hash;
        QString volume;
        QString kernelPath;
    };
    QStringList resolveNames(const QString &name, QString *error) const;
    std::optional<KeelMetadata> metadataOf(virDomain *domain) const;
    bool checkNames(const DeployRequest &request, QList<int> *replacing, QString *error) const;
    bool prepareImage(const DeployRequest &request, StoragePool &pool, Image *image, QString *error);
    DomainSpec specFor(const DeployRequest &request, int replica, const Image &image, const QString &pool) const;
    bool replaceReplica(const DomainSpec &spec, QString *error);
    bool startInParallel(const QList<DomainSpec> &specs, QStringList *started, QString *error);
    bool startDomain(const QString &xml, const KeelMetadata &metadata, QString *error);
    static void markStarted(virDomain *domain, const KeelMetadata &metadata);
    bool removeDomain(const QString &name, QString *error);
    // Deletes the volume unless a Keel domain still boots from it.
    void releaseVolume(const QString &pool, const QString &volume);
    QString serialLogPathFor(const QString &domainName) const;
    QString domainTypeFor(const DeployRequest &request) const;
    void report(const QString &message) const;

    LibvirtConnection &m_connection;
    Progress m_progress;
};

} // namespace Keel
