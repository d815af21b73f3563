// StoragePool: Keel's images live in a libvirt storage pool (dir-backed, named "keel", created
// when missing) and are uploaded through libvirt's stream API, so a remote host works the same
// as the local one.
//
//   auto pool = Keel::StoragePool::openOrCreate(connection, u"keel"_s, &error);
//   QString path = pool->upload(u"web-3f2a.elf"_s, imagePath, ImageUpload::Required, &error);
//   pool->remove(u"web-3f2a.elf"_s);
#pragma once

#include "deployrequest.h"
#include "libvirtconnection.h"

#include <memory>

typedef struct _virStoragePool virStoragePool;

namespace Keel {

class StoragePool
{
public:
    static constexpr const char *kDefaultPoolName = "keel";

    // name empty: kDefaultPoolName.
    static std::unique_ptr<StoragePool> openOrCreate(LibvirtConnection &connection, const QString &name,
                                                     QString *error);
    ~StoragePool();

    QString name() const { return m_name; }
    // Creates volume `volume` holding the file's bytes; returns its path on the host, or empty
    // with *error set (and no volume left behind).
    QString upload(const QString &volume, const QString &filePath, ImageUpload mode, QString *error);
    bool remove(const QString &volume, QString *error = nullptr);
    bool contains(const QString &volume) const;
    // The host path of an existing volume, else empty.
    QString pathOf(const QString &volume) const;

    // Where a new pool's directory goes for this URI.
    static QString defaultTarget(const LibvirtConnection &connection, const QString &name);

private:
    StoragePool(virStoragePool *pool, const QString &name) : m_pool(pool), m_name(name) {}
    static QString volumeXml(const QString &volume, qint64 bytes);

    virStoragePool *m_pool = nullptr;
    QString m_name;
};

} // namespace Keel
