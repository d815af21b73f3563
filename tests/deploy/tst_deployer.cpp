// Deployer on libvirt's test:///default driver: the real libvirt API with a fake hypervisor
// (each connection starts from the same fresh state: one foreign domain "test", one pool).
// What a user would see fail: `keel ps` missing or showing others' VMs, `keel rm` leaving
// volumes behind, a failed deploy leaving half a fleet, a clash overwriting someone's domain.
#include "deploy/deployer.h"
#include "deploy/storagepool.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <libvirt/libvirt.h>

using namespace Keel;

namespace {

class DeployerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        m_connection = LibvirtConnection::open(QStringLiteral("test:///default"), &error);
        ASSERT_TRUE(m_connection) << error.toStdString();
        m_deployer = std::make_unique<Deployer>(*m_connection);
        m_deployer->setProgress([this](const QString &message) { m_progress << message; });
    }

    QString writeImage(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("image-%1.elf").arg(++m_images));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        return path;
    }

    DeployRequest request(const QString &name, int replicas, const QString &version = QStringLiteral("1.0"))
    {
        DeployRequest request;
        request.name = name;
        request.replicas = replicas;
        request.imagePath = writeImage("image of " + version.toUtf8());
        request.project = QStringLiteral("hello");
        request.version = version;
        request.upload = ImageUpload::SkipWhenUnsupported;
        return request;
    }

    QStringList domainNames()
    {
        QStringList names;
        virDomainPtr *domains = nullptr;
        const int count = virConnectListAllDomains(m_connection->handle(), &domains, 0);
        for (int i = 0; i < count; ++i) {
            names << QString::fromUtf8(virDomainGetName(domains[i]));
            virDomainFree(domains[i]);
        }
        free(domains);
        names.sort();
        return names;
    }

    QStringList keelVolumes()
    {
        QStringList names;
        virStoragePoolPtr pool = virStoragePoolLookupByName(m_connection->handle(), "keel");
        if (!pool)
            return names;
        char *list[256];
        const int count = virStoragePoolListVolumes(pool, list, 256);
        for (int i = 0; i < count; ++i) {
            names << QString::fromUtf8(list[i]);
            free(list[i]);
        }
        virStoragePoolFree(pool);
        return names;
    }

    QTemporaryDir m_dir;
    int m_images = 0;
    std::unique_ptr<LibvirtConnection> m_connection;
    std::unique_ptr<Deployer> m_deployer;
    QStringList m_progress;
};

} // namespace

TEST_F(DeployerTest, ReplicasAreDefinedStartedAndListedWithTheirMetadata)
{
    QString error;
    const DeployRequest web = request(QStringLiteral("web"), 3);
    ASSERT_TRUE(m_deployer->deploy(web, &error)) << error.toStdString();
    const QList<PicoVm> vms = m_deployer->list(&error);
    ASSERT_EQ(vms.size(), 3) << "the foreign 'test' domain must not be listed";
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(vms[i].name, QStringLiteral("web-%1").arg(i + 1));
        EXPECT_EQ(vms[i].state, QStringLiteral("running"));
        EXPECT_GE(vms[i].uptimeMs, 0);
        EXPECT_EQ(vms[i].memoryBytes, RunProfile::kDefaultMemory);
        EXPECT_EQ(vms[i].metadata.project, QStringLiteral("hello"));
        EXPECT_EQ(vms[i].metadata.version, QStringLiteral("1.0"));
        EXPECT_EQ(vms[i].metadata.imageHash, Deployer::sha256Hex(web.imagePath));
        EXPECT_EQ(vms[i].metadata.replica, i + 1);
        EXPECT_FALSE(vms[i].host.isEmpty());
    }
    EXPECT_EQ(keelVolumes().size(), 1) << "replicas share one uploaded volume";
    EXPECT_EQ(domainNames(), (QStringList{"test", "web-1", "web-2", "web-3"}));
}

TEST_F(DeployerTest, ManyReplicasStartInParallelAndAllAreListed)
{
    QString error;
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("fleet"), 20), &error)) << error.toStdString();
    const QList<PicoVm> vms = m_deployer->list(&error);
    ASSERT_EQ(vms.size(), 20);
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(vms[i].metadata.replica, i + 1) << "list() sorts by replica";
        EXPECT_EQ(vms[i].state, QStringLiteral("running"));
    }
    EXPECT_EQ(m_progress.size(), 20);
    EXPECT_EQ(keelVolumes().size(), 1);
}

TEST_F(DeployerTest, StopKeepsDomainsDefinedAndRemoveDeletesDomainAndVolume)
{
    QString error;
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("web"), 2), &error)) << error.toStdString();
    ASSERT_TRUE(m_deployer->stop(QStringLiteral("web"), &error)) << error.toStdString();
    for (const PicoVm &vm : m_deployer->list(&error)) {
        EXPECT_EQ(vm.state, QStringLiteral("shut off"));
        EXPECT_EQ(vm.uptimeMs, -1);
    }
    ASSERT_TRUE(m_deployer->remove(QStringLiteral("web-2"), &error)) << error.toStdString();
    EXPECT_EQ(domainNames(), (QStringList{"test", "web-1"}));
    EXPECT_EQ(keelVolumes().size(), 1) << "web-1 still boots from the shared volume";
    ASSERT_TRUE(m_deployer->removeAll(&error)) << error.toStdString();
    EXPECT_EQ(domainNames(), QStringList{"test"}) << "a foreign domain must survive 'keel rm --all'";
    EXPECT_TRUE(keelVolumes().isEmpty());
}

TEST_F(DeployerTest, UnknownNameIsAClearError)
{
    QString error;
    EXPECT_FALSE(m_deployer->stop(QStringLiteral("nope"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("no Keel pico VM or deployment named 'nope'"))) << error.toStdString();
    error.clear();
    EXPECT_FALSE(m_deployer->remove(QStringLiteral("test"), &error)) << "'test' exists but is not Keel's";
}

TEST_F(DeployerTest, NameClashWithAForeignDomainCreatesNothing)
{
    const char *foreign = "<domain type='test'><name>clash-2</name><memory>8192</memory>"
                          "<os><type>hvm</type></os></domain>";
    virDomainPtr domain = virDomainDefineXML(m_connection->handle(), foreign);
    ASSERT_TRUE(domain);
    virDomainFree(domain);
    QString error;
    EXPECT_FALSE(m_deployer->deploy(request(QStringLiteral("clash"), 3), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("'clash-2' already exists"))) << error.toStdString();
    EXPECT_EQ(domainNames(), (QStringList{"clash-2", "test"}));
    EXPECT_TRUE(keelVolumes().isEmpty());
}

TEST_F(DeployerTest, FailedUploadLeavesNoVolumeAndNoDomain)
{
    DeployRequest web = request(QStringLiteral("web"), 2);
    web.upload = ImageUpload::Required; // the test driver cannot store bytes
    QString error;
    EXPECT_FALSE(m_deployer->deploy(web, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("cannot upload"))) << error.toStdString();
    EXPECT_EQ(domainNames(), QStringList{"test"});
    EXPECT_TRUE(keelVolumes().isEmpty());
}

TEST_F(DeployerTest, RejectedDefinitionLeavesNoVolumeAndNoDomain)
{
    DeployRequest web = request(QStringLiteral("web"), 2);
    web.domainType = QStringLiteral("no-such-type");
    QString error;
    EXPECT_FALSE(m_deployer->deploy(web, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("rejected the domain definition"))) << error.toStdString();
    EXPECT_EQ(domainNames(), QStringList{"test"});
    EXPECT_TRUE(keelVolumes().isEmpty());
}

TEST_F(DeployerTest, RedeployReplacesReplicasOneAtATime)
{
    QString error;
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("web"), 3, QStringLiteral("1.0")), &error));
    const QStringList oldVolumes = keelVolumes();
    m_progress.clear();
    const DeployRequest v2 = request(QStringLiteral("web"), 3, QStringLiteral("2.0"));
    ASSERT_TRUE(m_deployer->deploy(v2, &error)) << error.toStdString();
    EXPECT_EQ(m_progress, (QStringList{"replacing web-1", "started web-1", "replacing web-2", "started web-2",
                                       "replacing web-3", "started web-3"}));
    for (const PicoVm &vm : m_deployer->list(&error)) {
        EXPECT_EQ(vm.metadata.version, QStringLiteral("2.0"));
        EXPECT_EQ(vm.metadata.imageHash, Deployer::sha256Hex(v2.imagePath));
        EXPECT_EQ(vm.state, QStringLiteral("running"));
    }
    EXPECT_EQ(keelVolumes().size(), 1);
    for (const QString &old : oldVolumes)
        EXPECT_FALSE(keelVolumes().contains(old)) << old.toStdString() << " was left behind";
}

TEST_F(DeployerTest, FewerReplicasRetiresTheRest)
{
    QString error;
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("web"), 3), &error));
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("web"), 1, QStringLiteral("1.1")), &error)) << error.toStdString();
    EXPECT_EQ(domainNames(), (QStringList{"test", "web-1"}));
    EXPECT_EQ(keelVolumes().size(), 1);
}

TEST_F(DeployerTest, LogsNeedOneReplica)
{
    QString error;
    ASSERT_TRUE(m_deployer->deploy(request(QStringLiteral("web"), 2), &error));
    EXPECT_TRUE(m_deployer->logPath(QStringLiteral("web"), &error).isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("has 2 replicas"))) << error.toStdString();
    error.clear();
    EXPECT_EQ(m_deployer->logPath(QStringLiteral("web-2"), &error), QStringLiteral("/var/log/keel/web-2.serial.log"));
}

TEST(LibvirtConnection, BadUriSaysWhichUrisWork)
{
    QString error;
    EXPECT_FALSE(LibvirtConnection::open(QStringLiteral("bogus:///nothing"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("cannot connect to libvirt at 'bogus:///nothing'"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("qemu:///system"))) << error.toStdString();
}

TEST(LibvirtConnection, UnreachableDaemonSaysHowToStartIt)
{
    QString error;
    EXPECT_FALSE(LibvirtConnection::open(QStringLiteral("qemu:///system?socket=/nonexistent/libvirt-sock"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("/nonexistent/libvirt-sock"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("start-services.sh"))) << error.toStdString();
}
