// `keel deploy / ps / logs / stop / rm` against the real libvirtd at qemu:///system, checked
// with the real `virsh`. What a user would see fail: a deploy that does not boot, a fleet that
// is not all there, a rolling update that takes the service down or leaves old replicas, an
// error that leaves half a deployment behind, an HTTP server that cannot be reached through its
// published port.
#include "libvirtdfixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>
#include <atomic>
#include <cstring>
#include <arpa/inet.h>
#include <libvirt/libvirt.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

const QString kConnect = QStringLiteral("--connect");
const QString kUriText = QStringLiteral("qemu:///system");
const QString kMemory = QStringLiteral("--memory=8M");

// Volumes of a deployment in the keel pool (virsh prints name and path on one line).
qsizetype volumeCount(const QString &volumeList, const QString &deployment)
{
    return volumeList.split(u'\n').filter(deployment).size();
}

QJsonArray psJson(const ProcessOutput &ps)
{
    return QJsonDocument::fromJson(ps.out.toUtf8()).array();
}

// Counts this deployment's running domains through libvirt itself, as often as it can.
class RunningCounter
{
public:
    explicit RunningCounter(const QString &prefix) : m_prefix(prefix.toStdString()), m_thread([this] { poll(); }) {}
    ~RunningCounter() { stop(); }
    void stop()
    {
        m_done = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int minimum() const { return m_minimum; }
    int samples() const { return m_samples; }

private:
    void poll()
    {
        virConnectPtr connection = virConnectOpen("qemu:///system");
        while (connection && !m_done) {
            virDomainPtr *domains = nullptr;
            const int count = virConnectListAllDomains(connection, &domains, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
            int ours = 0;
            for (int i = 0; i < count; ++i) {
                ours += std::string(virDomainGetName(domains[i])).rfind(m_prefix, 0) == 0;
                virDomainFree(domains[i]);
            }
            free(domains);
            m_minimum = std::min(m_minimum.load(), ours);
            ++m_samples;
        }
        if (connection)
            virConnectClose(connection);
    }

    std::string m_prefix;
    std::atomic<bool> m_done{false};
    std::atomic<int> m_minimum{1 << 30};
    std::atomic<int> m_samples{0};
    std::thread m_thread;
};

// A TCP socket bound to 127.0.0.1:port (0: a port the kernel picks); -1 when the port is taken.
int bindLoopback(quint16 port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0)
        return fd;
    close(fd);
    return -1;
}

// The first of `count` consecutive TCP ports on 127.0.0.1 that nothing uses right now.
quint16 freeLoopbackPorts(int count)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int first = bindLoopback(0);
        sockaddr_in address{};
        socklen_t length = sizeof(address);
        getsockname(first, reinterpret_cast<sockaddr *>(&address), &length);
        close(first);
        const quint16 port = ntohs(address.sin_port);
        bool free = port + count <= 65536;
        for (int i = 1; free && i < count; ++i) {
            const int fd = bindLoopback(quint16(port + i));
            free = fd >= 0;
            close(fd);
        }
        if (free)
            return port;
    }
    return 0;
}

ProcessOutput curl(const QStringList &arguments)
{
    return runProgram(QStringLiteral("curl"), QStringList{QStringLiteral("-s"), QStringLiteral("-m"), QStringLiteral("10")} + arguments);
}

} // namespace

TEST_F(LibvirtdTest, DeployShowsInVirshLogsStopsAndRemoves)
{
    const QString deployment = name(QStringLiteral("one"));
    const QString domain = deployment + QStringLiteral("-1");
    const ProcessOutput deployed = keel({QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment, kMemory});
    ASSERT_EQ(deployed.exitCode, 0) << qPrintable(deployed.out + deployed.err);
    EXPECT_TRUE(deployed.out.contains(QStringLiteral("started ") + domain)) << qPrintable(deployed.out);
    EXPECT_EQ(virshDomains(false), QStringList{domain});
    EXPECT_TRUE(waitForLog(domain, QStringLiteral("Hello from fleet!"), 20000));
    EXPECT_TRUE(waitForLog(domain, QStringLiteral("heartbeat 1 "), 20000)) << "the pico VM keeps running";

    const ProcessOutput ps = keel({QStringLiteral("ps"), kConnect, kUriText, QStringLiteral("--json")});
    ASSERT_EQ(ps.exitCode, 0) << qPrintable(ps.err);
    bool listed = false;
    for (const QJsonValue &vm : psJson(ps)) {
        if (vm[u"name"].toString() != domain)
            continue;
        listed = true;
        EXPECT_EQ(vm[u"state"].toString(), QStringLiteral("running"));
        EXPECT_EQ(vm[u"version"].toString(), QStringLiteral("1.0.0"));
        EXPECT_EQ(vm[u"memoryBytes"].toInteger(), 8 * 1024 * 1024);
        EXPECT_GE(vm[u"uptimeMs"].toInteger(), 0);
    }
    EXPECT_TRUE(listed) << qPrintable(ps.out);
    const ProcessOutput table = keel({QStringLiteral("ps"), kConnect, kUriText});
    EXPECT_TRUE(table.out.startsWith(QStringLiteral("NAME"))) << qPrintable(table.out);
    EXPECT_TRUE(table.out.contains(QRegularExpression(domain + QStringLiteral(" +running +\\d+s +8.0 MiB +1.0.0")))) << qPrintable(table.out);

    ASSERT_EQ(keel({QStringLiteral("stop"), kConnect, kUriText, deployment}).exitCode, 0);
    EXPECT_TRUE(virshDomains(false).isEmpty());
    EXPECT_EQ(virshDomains(true), QStringList{domain}) << "a stopped pico VM stays defined";
    const ProcessOutput removed = keel({QStringLiteral("rm"), kConnect, kUriText, deployment});
    ASSERT_EQ(removed.exitCode, 0) << qPrintable(removed.err);
    EXPECT_TRUE(virshDomains(true).isEmpty());
    EXPECT_FALSE(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out.contains(deployment)) << "image volume left behind";
}

TEST_F(LibvirtdTest, TwentyReplicasAllBoot)
{
    const QString deployment = name(QStringLiteral("twenty"));
    const ProcessOutput deployed = keel({QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment,
                                         QStringLiteral("--replicas"), QStringLiteral("20"), kMemory});
    ASSERT_EQ(deployed.exitCode, 0) << qPrintable(deployed.out + deployed.err);
    const QStringList running = virshDomains(false);
    ASSERT_EQ(running.size(), 20) << qPrintable(running.join(u' '));
    for (int replica = 1; replica <= 20; ++replica)
        EXPECT_TRUE(waitForLog(QStringLiteral("%1-%2").arg(deployment).arg(replica), QStringLiteral("Hello from fleet!"), 30000)) << replica;
    EXPECT_EQ(volumeCount(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out, deployment), 1) << "one upload for 20 replicas";
    ASSERT_EQ(keel({QStringLiteral("rm"), kConnect, kUriText, deployment}).exitCode, 0);
    EXPECT_TRUE(virshDomains(true).isEmpty());
}

TEST_F(LibvirtdTest, RollingRedeployReplacesEveryReplicaAndNeverStopsService)
{
    const QString deployment = name(QStringLiteral("roll"));
    const QStringList deploy{QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment,
                             QStringLiteral("--replicas"), QStringLiteral("3"), kMemory};
    ASSERT_EQ(keel(deploy).exitCode, 0);
    QStringList oldUuids;
    for (int replica = 1; replica <= 3; ++replica)
        oldUuids << virsh({QStringLiteral("domuuid"), QStringLiteral("%1-%2").arg(deployment).arg(replica)}).out.trimmed();

    setProjectVersion(QStringLiteral("2.0.0"));
    RunningCounter counter(deployment);
    const ProcessOutput redeployed = keel(deploy);
    counter.stop();
    setProjectVersion(QStringLiteral("1.0.0"));
    ASSERT_EQ(redeployed.exitCode, 0) << qPrintable(redeployed.out + redeployed.err);
    EXPECT_GT(counter.samples(), 10);
    EXPECT_GE(counter.minimum(), 2) << "a rolling update of 3 replicas replaces one at a time";
    const QStringList steps = redeployed.out.split(u'\n').filter(QRegularExpression(QStringLiteral("^(replacing|started) ")));
    EXPECT_EQ(steps, (QStringList{QStringLiteral("replacing %1-1").arg(deployment), QStringLiteral("started %1-1").arg(deployment),
                                  QStringLiteral("replacing %1-2").arg(deployment), QStringLiteral("started %1-2").arg(deployment),
                                  QStringLiteral("replacing %1-3").arg(deployment), QStringLiteral("started %1-3").arg(deployment)}));
    for (int replica = 1; replica <= 3; ++replica) {
        const QString domain = QStringLiteral("%1-%2").arg(deployment).arg(replica);
        EXPECT_NE(virsh({QStringLiteral("domuuid"), domain}).out.trimmed(), oldUuids[replica - 1]) << "not replaced: " << qPrintable(domain);
        EXPECT_TRUE(waitForLog(domain, QStringLiteral("Hello from fleet! version 2.0.0"), 20000)) << qPrintable(domain);
    }
    for (const QJsonValue &vm : psJson(keel({QStringLiteral("ps"), kConnect, kUriText, QStringLiteral("--json")}))) {
        if (vm[u"deployment"].toString() == deployment) {
            EXPECT_EQ(vm[u"version"].toString(), QStringLiteral("2.0.0"));
        }
    }
    EXPECT_EQ(volumeCount(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out, deployment), 1) << "the old image volume stays behind";
}

TEST_F(LibvirtdTest, BadUriAndUnreachableDaemonAreClearErrors)
{
    const ProcessOutput bad = keel({QStringLiteral("ps"), kConnect, QStringLiteral("bogus:///nothing")});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("cannot connect to libvirt at 'bogus:///nothing'"))) << qPrintable(bad.err);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("hint: "))) << qPrintable(bad.err);
    const ProcessOutput down = keel({QStringLiteral("deploy"), kConnect, QStringLiteral("qemu:///system?socket=/nonexistent/libvirt-sock"),
                                     QStringLiteral("--name"), name(QStringLiteral("down"))});
    EXPECT_EQ(down.exitCode, 1);
    EXPECT_TRUE(down.err.contains(QStringLiteral("start-services.sh"))) << qPrintable(down.err);
    EXPECT_TRUE(virshDomains(true).isEmpty());
}

TEST_F(LibvirtdTest, NameClashWithAForeignDomainCreatesNothing)
{
    const QString deployment = name(QStringLiteral("clash"));
    const QString foreign = deployment + QStringLiteral("-2");
    QTemporaryDir dir;
    const QString xml = dir.filePath(QStringLiteral("foreign.xml"));
    QFile file(xml);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("<domain type='qemu'><name>%1</name><memory unit='MiB'>8</memory>"
                              "<os><type arch='x86_64'>hvm</type></os></domain>").arg(foreign).toUtf8());
    file.close();
    ASSERT_EQ(virsh({QStringLiteral("define"), xml}).exitCode, 0);
    const ProcessOutput clash = keel({QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment,
                                      QStringLiteral("--replicas"), QStringLiteral("3"), kMemory});
    EXPECT_EQ(clash.exitCode, 1);
    EXPECT_TRUE(clash.err.contains(QStringLiteral("'%1' already exists").arg(foreign))) << qPrintable(clash.err);
    EXPECT_EQ(virshDomains(true), QStringList{foreign}) << "nothing of the failed deploy may remain";
    EXPECT_FALSE(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out.contains(deployment));
    EXPECT_EQ(keel({QStringLiteral("rm"), kConnect, kUriText, foreign}).exitCode, 1) << "keel rm never touches a foreign domain";
    EXPECT_EQ(virshDomains(true), QStringList{foreign});
}

TEST_F(LibvirtdTest, FullPoolIsAClearErrorAndCreatesNothing)
{
    const QString pool = name(QStringLiteral("full"));
    QTemporaryDir target;
    // A 4 KiB file system holds no image.
    ASSERT_EQ(mount("tmpfs", target.path().toUtf8().constData(), "tmpfs", 0, "size=4k"), 0) << "mount: " << strerror(errno);
    ASSERT_EQ(virsh({QStringLiteral("pool-create-as"), pool, QStringLiteral("dir"), QStringLiteral("--target"), target.path()}).exitCode, 0);
    const QString deployment = name(QStringLiteral("pool"));
    const ProcessOutput full = keel({QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment,
                                     QStringLiteral("--replicas"), QStringLiteral("2"), QStringLiteral("--pool"), pool, kMemory});
    const QString volumes = virsh({QStringLiteral("vol-list"), pool}).out;
    virsh({QStringLiteral("pool-destroy"), pool});
    umount(target.path().toUtf8().constData());
    EXPECT_EQ(full.exitCode, 1);
    EXPECT_TRUE(full.err.contains(QStringLiteral("pool '%1'").arg(pool))) << qPrintable(full.err);
    EXPECT_TRUE(full.err.contains(QStringLiteral("hint: "))) << qPrintable(full.err);
    EXPECT_TRUE(virshDomains(true).isEmpty());
    EXPECT_FALSE(volumes.contains(deployment)) << qPrintable(volumes);
}

TEST_F(LibvirtdTest, HttpServerAnswersThroughItsPublishedPort)
{
    QTemporaryDir dir;
    ASSERT_EQ(runProgram(QStringLiteral(KEEL_BINARY), {QStringLiteral("new"), QStringLiteral("web"), QStringLiteral("--template"),
                                                       QStringLiteral("http-server")}, dir.path()).exitCode, 0);
    const QString project = dir.filePath(QStringLiteral("web"));
    // [run] publish = ["8080:80"] in the template; a port free on this host instead of 8080.
    const quint16 port = freeLoopbackPorts(1);
    ASSERT_NE(port, 0);
    QFile toml(project + QStringLiteral("/keel.toml"));
    ASSERT_TRUE(toml.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(toml.readAll());
    toml.close();
    ASSERT_TRUE(text.contains(QStringLiteral("\"8080:80\""))) << qPrintable(text);
    text.replace(QStringLiteral("\"8080:80\""), QStringLiteral("\"%1:80\"").arg(port));
    ASSERT_TRUE(toml.open(QIODevice::WriteOnly | QIODevice::Truncate));
    toml.write(text.toUtf8());
    toml.close();

    const QString deployment = name(QStringLiteral("web"));
    const QString domain = deployment + QStringLiteral("-1");
    const ProcessOutput deployed = runProgram(QStringLiteral(KEEL_BINARY), {QStringLiteral("deploy"), kConnect, kUriText,
                                                                            QStringLiteral("--name"), deployment}, project, 300000);
    ASSERT_EQ(deployed.exitCode, 0) << qPrintable(deployed.out + deployed.err);
    EXPECT_EQ(virshDomains(false), QStringList{domain});

    // Boot, DHCP from QEMU's user-mode network, then the server: under TCG on a busy host that
    // takes seconds, so poll until it answers.
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    ProcessOutput hello;
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        hello = curl({QStringLiteral("-i"), url + QStringLiteral("/api/hello")});
        if (hello.exitCode == 0)
            break;
        QThread::msleep(500);
    }
    ASSERT_EQ(hello.exitCode, 0) << "no answer on " << qPrintable(url) << "; serial log:\n"
                                 << qPrintable(keel({QStringLiteral("logs"), kConnect, kUriText, domain}).out);
    EXPECT_TRUE(hello.out.startsWith(QStringLiteral("HTTP/1.1 200 OK"))) << qPrintable(hello.out);
    EXPECT_TRUE(hello.out.contains(QStringLiteral("\"message\": \"Hello from Keel!\""))) << qPrintable(hello.out);
    QFile page(project + QStringLiteral("/assets/www/index.html"));
    ASSERT_TRUE(page.open(QIODevice::ReadOnly));
    EXPECT_EQ(curl({url + QStringLiteral("/")}).out.toUtf8(), page.readAll()) << "the static page through the forward";
    EXPECT_TRUE(keel({QStringLiteral("logs"), kConnect, kUriText, domain}).out.contains(QStringLiteral("listening on port 80")));

    ASSERT_EQ(keel({QStringLiteral("stop"), kConnect, kUriText, deployment}).exitCode, 0);
    EXPECT_TRUE(virshDomains(false).isEmpty());
    EXPECT_NE(curl({url + QStringLiteral("/api/hello")}).exitCode, 0) << "the forward ends with its pico VM";
    ASSERT_EQ(keel({QStringLiteral("rm"), kConnect, kUriText, deployment}).exitCode, 0);
    EXPECT_TRUE(virshDomains(true).isEmpty());
    EXPECT_FALSE(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out.contains(deployment)) << "image volume left behind";
}

TEST_F(LibvirtdTest, AReplicaThatCannotStartUndoesTheWholeDeploy)
{
    // Replica i forwards host port P + i - 1; with P + 3 taken, replica 4's QEMU cannot start
    // while the others can: a failure in the middle of the parallel starts.
    const quint16 port = freeLoopbackPorts(6);
    ASSERT_NE(port, 0);
    const int taken = bindLoopback(quint16(port + 3));
    ASSERT_GE(taken, 0);
    ASSERT_EQ(listen(taken, 1), 0);
    setPublished({QStringLiteral("%1:80").arg(port)});
    const QString deployment = name(QStringLiteral("half"));
    const ProcessOutput failed = keel({QStringLiteral("deploy"), kConnect, kUriText, QStringLiteral("--name"), deployment,
                                       QStringLiteral("--replicas"), QStringLiteral("6"), kMemory});
    setPublished({});
    close(taken);
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.err.contains(QStringLiteral("cannot start domain '%1-4'").arg(deployment))) << qPrintable(failed.err);
    EXPECT_TRUE(failed.err.contains(QString::number(port + 3))) << "the libvirt/QEMU reason names the port: " << qPrintable(failed.err);
    if (failed.out.contains(QStringLiteral("started "))) {
        EXPECT_TRUE(failed.err.contains(QStringLiteral("were removed again"))) << qPrintable(failed.err);
    }
    EXPECT_TRUE(virshDomains(true).isEmpty()) << "nothing of the failed deploy may remain";
    EXPECT_FALSE(virsh({QStringLiteral("vol-list"), QStringLiteral("keel")}).out.contains(deployment)) << "image volume left behind";
}
