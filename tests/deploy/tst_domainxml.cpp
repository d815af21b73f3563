// DomainXml: what libvirt is asked to run. A change here changes every deployed pico VM, so the
// full XML is compared with golden files (regenerate deliberately: KEEL_UPDATE_GOLDEN=1).
#include "deploy/domainxml.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace Keel;

namespace {

DomainSpec webSpec()
{
    DomainSpec spec;
    spec.name = QStringLiteral("web-2");
    spec.machine = QemuMachine::Microvm;
    spec.memoryBytes = 16 * 1024 * 1024;
    spec.cpus = 1;
    spec.kernelPath = QStringLiteral("/var/lib/libvirt/images/keel/web-2-abc.elf");
    spec.cmdline = QStringLiteral("--port 80");
    spec.serialLogPath = QStringLiteral("/var/log/libvirt/qemu/web-2.serial.log");
    spec.metadata = {QStringLiteral("web"), QStringLiteral("1.2.0"), QStringLiteral("abc123"), QStringLiteral("web"), 2,
                     QStringLiteral("keel"), QStringLiteral("web-2-abc.elf"), 0};
    return spec;
}

void expectGolden(const QString &xml, const QString &file)
{
    const QString path = QStringLiteral(GOLDEN_DIR "/") + file;
    if (qEnvironmentVariableIsSet("KEEL_UPDATE_GOLDEN")) {
        QFile out(path);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(xml.toUtf8());
    }
    QFile in(path);
    ASSERT_TRUE(in.open(QIODevice::ReadOnly)) << "missing golden file " << path.toStdString();
    EXPECT_EQ(QString::fromUtf8(in.readAll()).toStdString(), xml.toStdString());
}

} // namespace

TEST(DomainXml, DirectKernelBootWithSerialLogAndMetadata)
{
    expectGolden(DomainXml::build(webSpec()), QStringLiteral("web-microvm.xml"));
}

TEST(DomainXml, PortForwardsGoToQemuUserNetworking)
{
    DomainSpec spec = webSpec();
    spec.machine = QemuMachine::Q35;
    spec.domainType = QStringLiteral("kvm");
    spec.portForwards << HostForward{HostForward::Protocol::Tcp, 8080, 80};
    spec.portForwards << HostForward{HostForward::Protocol::Udp, 5353, 53};
    expectGolden(DomainXml::build(spec), QStringLiteral("web-q35-forwards.xml"));
}

TEST(DomainXml, MicrovmMapsToPcWithANote)
{
    EXPECT_EQ(DomainXml::libvirtMachine(QemuMachine::Microvm), QStringLiteral("pc"));
    EXPECT_EQ(DomainXml::libvirtMachine(QemuMachine::Q35), QStringLiteral("q35"));
    EXPECT_FALSE(DomainXml::machineNote(QemuMachine::Microvm).isEmpty());
    EXPECT_TRUE(DomainXml::machineNote(QemuMachine::Pc).isEmpty());
}

TEST(DomainXml, MemoryIsRoundedUpToWholeKiB)
{
    DomainSpec spec = webSpec();
    spec.memoryBytes = 4 * 1024 * 1024 + 1;
    EXPECT_TRUE(DomainXml::build(spec).contains(QStringLiteral("<memory unit=\"KiB\">4097</memory>")));
}

TEST(DomainXml, MetadataRoundTripsThroughTheElementAndTheWholeDomain)
{
    KeelMetadata metadata = webSpec().metadata;
    metadata.startedAtMs = 1764770000000;
    EXPECT_EQ(DomainXml::parseMetadata(DomainXml::metadataElement(metadata)), metadata);
    EXPECT_EQ(DomainXml::parseMetadata(DomainXml::build(webSpec())), webSpec().metadata);
}

TEST(DomainXml, ForeignMetadataIsNotKeels)
{
    EXPECT_FALSE(DomainXml::parseMetadata(QStringLiteral("<domain><metadata><app xmlns='https://example.com/x'>"
                                                         "<project>x</project></app></metadata></domain>")));
}

TEST(DomainXml, NamesAndPathsAreEscaped)
{
    DomainSpec spec = webSpec();
    spec.cmdline = QStringLiteral("a<b & 'c'");
    const QString xml = DomainXml::build(spec);
    EXPECT_TRUE(xml.contains(QStringLiteral("<cmdline>a&lt;b &amp; 'c'</cmdline>"))) << xml.toStdString();
}

TEST(DomainXml, SerialLogPathIsReadBackFromLibvirtsXml)
{
    EXPECT_EQ(DomainXml::serialLogPath(DomainXml::build(webSpec())), QStringLiteral("/var/log/libvirt/qemu/web-2.serial.log"));
    EXPECT_EQ(DomainXml::serialLogPath(QStringLiteral("<domain><devices><serial type='pty'><source path='/dev/pts/3'/>"
                                                      "</serial></devices></domain>")), QString());
}
