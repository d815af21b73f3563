#include "storagepool.h"

#include <QDir>
#include <QFile>
#include <QUrl>
#include <QXmlStreamWriter>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

namespace Keel {

namespace {

constexpr qint64 kChunkBytes = 256 * 1024;

QString poolXml(const QString &name, const QString &target)
{
    QString out;
    QXmlStreamWriter xml(&out);
    xml.writeStartElement(QStringLiteral("pool"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("dir"));
    xml.writeTextElement(QStringLiteral("name"), name);
    xml.writeStartElement(QStringLiteral("target"));
    xml.writeTextElement(QStringLiteral("path"), target);
    xml.writeEndElement();
    xml.writeEndElement();
    return out;
}

virStoragePoolPtr definePool(LibvirtConnection &connection, const QString &name, QString *error)
{
    const QString target = StoragePool::defaultTarget(connection, name);
    virStoragePoolPtr pool = virStoragePoolDefineXML(connection.handle(), poolXml(name, target).toUtf8().constData(), 0);
    if (!pool) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot define storage pool '%1' at %2").arg(name, target));
        return nullptr;
    }
    // Build makes the directory; it fails harmlessly when the directory exists already.
    virStoragePoolBuild(pool, 0);
    virStoragePoolSetAutostart(pool, 1);
    return pool;
}

bool sendFile(virStreamPtr stream, QFile &file, QString *error)
{
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(kChunkBytes);
        qsizetype sent = 0;
        while (sent < chunk.size()) {
            const int n = virStreamSend(stream, chunk.constData() + sent, size_t(chunk.size() - sent));
            if (n < 0) {
                *error = LibvirtConnection::lastError(QStringLiteral("uploading %1 failed").arg(file.fileName()));
                return false;
            }
            sent += n;
        }
    }
    return true;
}

} // namespace

std::unique_ptr<StoragePool> StoragePool::openOrCreate(LibvirtConnection &connection, const QString &poolName,
                                                       QString *error)
{
    const QString name = poolName.isEmpty() ? QLatin1String(kDefaultPoolName) : poolName;
    virStoragePoolPtr pool = virStoragePoolLookupByName(connection.handle(), name.toUtf8().constData());
    if (!pool && !(pool = definePool(connection, name, error)))
        return nullptr;
    int active = virStoragePoolIsActive(pool);
    if (active == 0 && virStoragePoolCreate(pool, 0) < 0) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot start storage pool '%1'").arg(name))
                 + QStringLiteral("\nhint: check the pool with 'virsh pool-dumpxml %1'").arg(name);
        virStoragePoolFree(pool);
        return nullptr;
    }
    virStoragePoolRefresh(pool, 0); // volumes created behind libvirt's back become visible
    return std::unique_ptr<StoragePool>(new StoragePool(pool, name));
}

StoragePool::~StoragePool()
{
    virStoragePoolFree(m_pool);
}

QString StoragePool::defaultTarget(const LibvirtConnection &connection, const QString &name)
{
    if (connection.isTestDriver())
        return QStringLiteral("/%1-pool").arg(name);
    if (QUrl(connection.uri()).path() == u"/session")
        return QDir::homePath() + QStringLiteral("/.local/share/libvirt/images/") + name;
    return QStringLiteral("/var/lib/libvirt/images/") + name;
}

QString StoragePool::volumeXml(const QString &volume, qint64 bytes)
{
    QString out;
    QXmlStreamWriter xml(&out);
    xml.writeStartElement(QStringLiteral("volume"));
    xml.writeTextElement(QStringLiteral("name"), volume);
    xml.writeStartElement(QStringLiteral("capacity"));
    xml.writeAttribute(QStringLiteral("unit"), QStringLiteral("bytes"));
    xml.writeCharacters(QString::number(bytes));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("target"));
    xml.writeEmptyElement(QStringLiteral("format"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("raw"));
    xml.writeEndElement();
    xml.writeEndElement();
    return out;
}

QString StoragePool::upload(const QString &volume, const QString &filePath, ImageUpload mode, QString *error)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read image %1: %2").arg(filePath, file.errorString());
        return {};
    }
    virStorageVolPtr vol = virStorageVolCreateXML(m_pool, volumeXml(volume, file.size()).toUtf8().constData(), 0);
    if (!vol) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot create volume '%1' in pool '%2'").arg(volume, m_name))
                 + QStringLiteral("\nhint: if the pool is full, free space or remove old deployments with 'keel rm'");
        return {};
    }
    virStreamPtr stream = virStreamNew(virStorageVolGetConnect(vol), 0);
    bool ok = virStorageVolUpload(vol, stream, 0, quint64(file.size()), 0) == 0;
    if (!ok && mode == ImageUpload::SkipWhenUnsupported && LibvirtConnection::lastErrorCode() == VIR_ERR_NO_SUPPORT) {
        ok = true;
    } else if (!ok) {
        *error = LibvirtConnection::lastError(QStringLiteral("cannot upload %1 to volume '%2'").arg(filePath, volume));
    } else {
        ok = sendFile(stream, file, error);
        if (ok && virStreamFinish(stream) < 0) {
            *error = LibvirtConnection::lastError(QStringLiteral("uploading %1 did not complete").arg(filePath));
            ok = false;
        }
        if (!ok)
            virStreamAbort(stream);
    }
    virStreamFree(stream);
    char *path = ok ? virStorageVolGetPath(vol) : nullptr;
    const QString result = path ? QString::fromUtf8(path) : QString();
    free(path);
    if (!ok)
        virStorageVolDelete(vol, 0);
    virStorageVolFree(vol);
    return result;
}

bool StoragePool::contains(const QString &volume) const
{
    virStorageVolPtr vol = virStorageVolLookupByName(m_pool, volume.toUtf8().constData());
    if (!vol)
        return false;
    virStorageVolFree(vol);
    return true;
}

QString StoragePool::pathOf(const QString &volume) const
{
    virStorageVolPtr vol = virStorageVolLookupByName(m_pool, volume.toUtf8().constData());
    if (!vol)
        return {};
    char *path = virStorageVolGetPath(vol);
    const QString result = QString::fromUtf8(path);
    free(path);
    virStorageVolFree(vol);
    return result;
}

bool StoragePool::remove(const QString &volume, QString *error)
{
    virStorageVolPtr vol = virStorageVolLookupByName(m_pool, volume.toUtf8().constData());
    if (!vol)
        return true; // already gone
    const bool ok = virStorageVolDelete(vol, 0) == 0;
    if (!ok && error)
        *error = LibvirtConnection::lastError(QStringLiteral("cannot delete volume '%1'").arg(volume));
    virStorageVolFree(vol);
    return ok;
}

} // namespace Keel
