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

    // Creates and starts the replicas, or replaces an existing deployment of the same name one
    // replica at a time (each new one running before the next old one goes). On failure undoes
    // everything this call created and restores a replaced replica.
    bool deploy(const DeployRequest &request, QString *error);

    QList<PicoVm> list(QString *error) const;
    // NAME is a domain (web-2) or a deployment (web: every replica). Stopped domains stay defined.
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

private:
    struct Created;
    QStringList resolveNames(const QString &name, QString *error) const;
    std::optional<KeelMetadata> metadataOf(virDomain *domain) const;
    bool checkNames(const DeployRequest &request, QList<int> *replacing, QString *error) const;
    bool deployReplica(const DeployRequest &request, int replica, StoragePool &pool, const QString &hash,
                       QString *error);
    bool startDomain(const QString &xml, const KeelMetadata &metadata, QString *error);
    bool removeDomain(const QString &name, QString *error);
    QString serialLogPathFor(const QString &domainName) const;
    QString domainTypeFor(const DeployRequest &request) const;
    void report(const QString &message) const;

    LibvirtConnection &m_connection;
    Progress m_progress;
};

} // namespace Keel
