// LibvirtConnection: one open libvirt connection (RAII over virConnectPtr), with libvirt's errors
// turned into messages that say what failed and how to fix it.
//
//   QString error;
//   auto connection = Keel::LibvirtConnection::open(u"qemu:///system"_s, &error);
//   if (!connection) { printError(error); return 1; }
//   virConnectPtr raw = connection->handle();
#pragma once

#include <QString>
#include <memory>

typedef struct _virConnect virConnect;

namespace Keel {

class LibvirtConnection
{
public:
    static constexpr const char *kSystemUri = "qemu:///system";
    static constexpr const char *kSessionUri = "qemu:///session";

    // $KEEL_CONNECT; else qemu:///system when root and libvirtd answers there; else
    // qemu:///session. Opens connections to find out, so not for a UI thread.
    static QString defaultUri();

    // nullptr with *error set when the URI is bad, the daemon unreachable or access denied.
    static std::unique_ptr<LibvirtConnection> open(const QString &uri, QString *error);
    ~LibvirtConnection();
    LibvirtConnection(const LibvirtConnection &) = delete;
    LibvirtConnection &operator=(const LibvirtConnection &) = delete;

    virConnect *handle() const { return m_connection; }
    QString uri() const { return m_uri; }
    QString hostName() const;
    // True when the hypervisor runs on another machine (the URI names a host), so files such as
    // serial logs are not on this one.
    bool isRemote() const;
    bool isTestDriver() const;

    // libvirt's last error on this thread, prefixed with what Keel was doing.
    static QString lastError(const QString &doing);
    static int lastErrorCode();

private:
    LibvirtConnection(virConnect *connection, const QString &uri);

    virConnect *m_connection = nullptr;
    QString m_uri;
};

} // namespace Keel
