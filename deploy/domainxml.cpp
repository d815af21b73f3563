#include "domainxml.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace Keel::DomainXml {

namespace {

const QString kQemuNamespace = QStringLiteral("http://libvirt.org/schemas/domain/qemu/1.0");

// ns empty: plain element names, as virDomainSetMetadata wants them (it adds the namespace).
void writeMetadataFields(QXmlStreamWriter &xml, const KeelMetadata &metadata, const QString &ns)
{
    xml.writeTextElement(ns, QStringLiteral("project"), metadata.project);
    xml.writeTextElement(ns, QStringLiteral("version"), metadata.version);
    xml.writeTextElement(ns, QStringLiteral("image"), metadata.imageHash);
    xml.writeTextElement(ns, QStringLiteral("deployment"), metadata.deployment);
    xml.writeTextElement(ns, QStringLiteral("replica"), QString::number(metadata.replica));
    xml.writeTextElement(ns, QStringLiteral("pool"), metadata.pool);
    xml.writeTextElement(ns, QStringLiteral("volume"), metadata.volume);
    if (metadata.startedAtMs > 0)
        xml.writeTextElement(ns, QStringLiteral("started"), QString::number(metadata.startedAtMs));
}

void writeMetadata(QXmlStreamWriter &xml, const KeelMetadata &metadata)
{
    xml.writeNamespace(QLatin1String(kKeelNamespace), QLatin1String(kKeelPrefix));
    xml.writeStartElement(QLatin1String(kKeelNamespace), QStringLiteral("app"));
    writeMetadataFields(xml, metadata, QLatin1String(kKeelNamespace));
    xml.writeEndElement();
}

void writeOs(QXmlStreamWriter &xml, const DomainSpec &spec)
{
    xml.writeStartElement(QStringLiteral("os"));
    xml.writeStartElement(QStringLiteral("type"));
    xml.writeAttribute(QStringLiteral("arch"), QStringLiteral("x86_64"));
    if (spec.domainType != u"test")
        xml.writeAttribute(QStringLiteral("machine"), libvirtMachine(spec.machine));
    xml.writeCharacters(QStringLiteral("hvm"));
    xml.writeEndElement();
    if (!spec.firmwarePath.isEmpty()) {
        xml.writeStartElement(QStringLiteral("loader"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("rom"));
        xml.writeCharacters(spec.firmwarePath);
        xml.writeEndElement();
    }
    xml.writeTextElement(QStringLiteral("kernel"), spec.kernelPath);
    xml.writeTextElement(QStringLiteral("cmdline"), spec.cmdline);
    xml.writeEndElement();
}

void writeLifecycle(QXmlStreamWriter &xml)
{
    // A pico VM whose main() returns powers off; a reboot would only run main() again.
    xml.writeTextElement(QStringLiteral("on_poweroff"), QStringLiteral("destroy"));
    xml.writeTextElement(QStringLiteral("on_reboot"), QStringLiteral("destroy"));
    // A kernel panic exits, a triple fault resets; keep the domain stopped so `keel logs` shows why.
    xml.writeTextElement(QStringLiteral("on_crash"), QStringLiteral("destroy"));
}

void writeDevices(QXmlStreamWriter &xml, const DomainSpec &spec)
{
    xml.writeStartElement(QStringLiteral("devices"));
    if (spec.domainType != u"test") {
        // libvirt adds a USB controller and a balloon by default; a pico VM has drivers for neither.
        xml.writeStartElement(QStringLiteral("controller"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("usb"));
        xml.writeAttribute(QStringLiteral("model"), QStringLiteral("none"));
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("memballoon"));
        xml.writeAttribute(QStringLiteral("model"), QStringLiteral("none"));
        xml.writeEndElement();
    }
    if (!spec.serialLogPath.isEmpty()) {
        xml.writeStartElement(QStringLiteral("serial"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("file"));
        xml.writeStartElement(QStringLiteral("source"));
        xml.writeAttribute(QStringLiteral("path"), spec.serialLogPath);
        xml.writeAttribute(QStringLiteral("append"), QStringLiteral("on"));
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("target"));
        xml.writeAttribute(QStringLiteral("port"), QStringLiteral("0"));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement();
}

// User-mode networking with host forwards has no libvirt element that works here: libvirt 9.0
// passes <interface type='user'><portForward> only to passt (which Debian's 9.0 rejects) and drops
// it silently for QEMU's SLIRP; a libvirt network needs a bridge. So it goes straight to QEMU.
void writeQemuNetwork(QXmlStreamWriter &xml, const DomainSpec &spec)
{
    if (spec.portForwards.isEmpty() || spec.domainType == u"test")
        return;
    QStringList netdev{QStringLiteral("user"), QStringLiteral("id=keelnet0")};
    for (const HostForward &forward : spec.portForwards)
        netdev << forward.toHostFwd();
    const QStringList args{QStringLiteral("-netdev"), netdev.join(u','), QStringLiteral("-device"),
                           QStringLiteral("virtio-net-pci,netdev=keelnet0")};
    xml.writeStartElement(kQemuNamespace, QStringLiteral("commandline"));
    for (const QString &arg : args) {
        xml.writeStartElement(kQemuNamespace, QStringLiteral("arg"));
        xml.writeAttribute(QStringLiteral("value"), arg);
        xml.writeEndElement();
    }
    xml.writeEndElement();
}

qint64 memoryKiB(qint64 bytes)
{
    return (bytes + 1023) / 1024;
}

} // namespace

QString build(const DomainSpec &spec)
{
    QString out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartElement(QStringLiteral("domain"));
    xml.writeAttribute(QStringLiteral("type"), spec.domainType);
    if (!spec.portForwards.isEmpty() && spec.domainType != u"test")
        xml.writeNamespace(kQemuNamespace, QStringLiteral("qemu"));
    xml.writeTextElement(QStringLiteral("name"), spec.name);
    xml.writeStartElement(QStringLiteral("metadata"));
    writeMetadata(xml, spec.metadata);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("memory"));
    xml.writeAttribute(QStringLiteral("unit"), QStringLiteral("KiB"));
    xml.writeCharacters(QString::number(memoryKiB(spec.memoryBytes)));
    xml.writeEndElement();
    xml.writeTextElement(QStringLiteral("vcpu"), QString::number(qMax(1, spec.cpus)));
    writeOs(xml, spec);
    xml.writeStartElement(QStringLiteral("features"));
    xml.writeEmptyElement(QStringLiteral("acpi")); // ACPI power-off ends the domain when main returns
    xml.writeEndElement();
    writeLifecycle(xml);
    writeDevices(xml, spec);
    writeQemuNetwork(xml, spec);
    xml.writeEndElement();
    xml.writeEndDocument();
    return out.trimmed() + u'\n';
}

QString libvirtMachine(QemuMachine machine)
{
    return machine == QemuMachine::Q35 ? QStringLiteral("q35") : QStringLiteral("pc");
}

QString machineNote(QemuMachine machine)
{
    if (machine != QemuMachine::Microvm)
        return {};
    return QStringLiteral("libvirt has no 'microvm' machine type; deploying on 'pc' (the image boots the same way)");
}

QString metadataElement(const KeelMetadata &metadata)
{
    QString out;
    QXmlStreamWriter xml(&out);
    xml.writeStartElement(QStringLiteral("app"));
    writeMetadataFields(xml, metadata, QString());
    xml.writeEndElement();
    return out;
}

std::optional<KeelMetadata> parseMetadata(const QString &text)
{
    QXmlStreamReader xml(text);
    bool root = true;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        // virDomainGetMetadata returns the element without its namespace: the caller named it.
        const bool implied = root && xml.namespaceUri().isEmpty();
        if (xml.name() == u"app" && (implied || xml.namespaceUri() == QLatin1String(kKeelNamespace)))
            break;
        root = false;
    }
    if (xml.atEnd())
        return std::nullopt;
    KeelMetadata metadata;
    while (xml.readNextStartElement()) {
        const QString name = xml.name().toString();
        const QString value = xml.readElementText();
        if (name == u"project") metadata.project = value;
        else if (name == u"version") metadata.version = value;
        else if (name == u"image") metadata.imageHash = value;
        else if (name == u"deployment") metadata.deployment = value;
        else if (name == u"replica") metadata.replica = value.toInt();
        else if (name == u"pool") metadata.pool = value;
        else if (name == u"volume") metadata.volume = value;
        else if (name == u"started") metadata.startedAtMs = value.toLongLong();
    }
    return metadata;
}

QString serialLogPath(const QString &domainXml)
{
    QXmlStreamReader xml(domainXml);
    bool inFileSerial = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"serial")
            inFileSerial = xml.attributes().value(QStringLiteral("type")) == u"file";
        else if (inFileSerial && xml.name() == u"source")
            return xml.attributes().value(QStringLiteral("path")).toString();
    }
    return {};
}

} // namespace Keel::DomainXml
