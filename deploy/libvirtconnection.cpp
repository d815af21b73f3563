#include "libvirtconnection.h"

#include <QProcessEnvironment>
#include <QUrl>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <unistd.h>

namespace Keel {

namespace {

// libvirt prints every error to stderr by default; Keel reports them itself, once, with a hint.
void ignoreLibvirtError(void *, virErrorPtr) {}

QString hintForOpenFailure(const QString &uri, const QString &message)
{
    if (message.contains(u"no connection driver") || message.contains(u"unsupported"))
        return QStringLiteral("'%1' is not a libvirt URI Keel can use; try qemu:///system, qemu:///session, "
                              "qemu+ssh://HOST/system or test:///default").arg(uri);
    if (message.contains(u"Permission denied") || message.contains(u"authentication")
        || message.contains(u"access denied"))
        return QStringLiteral("run keel as root or as a member of the 'libvirt' group, or use qemu:///session");
    if (message.contains(u"Failed to connect socket") || message.contains(u"Connection refused")
        || message.contains(u"No such file"))
        return QStringLiteral("start the daemon: as root run scripts/start-services.sh (virtlogd -d; libvirtd -d), "
                              "or check the host in the URI");
    return QStringLiteral("check the URI and that libvirtd runs on its host");
}

} // namespace

std::unique_ptr<LibvirtConnection> LibvirtConnection::open(const QString &uri, QString *error)
{
    virSetErrorFunc(nullptr, ignoreLibvirtError);
    virConnectPtr connection = virConnectOpen(uri.toUtf8().constData());
    if (!connection) {
        const virErrorPtr last = virGetLastError();
        const QString message = last && last->message ? QString::fromUtf8(last->message) : QStringLiteral("unknown error");
        *error = QStringLiteral("cannot connect to libvirt at '%1': %2\nhint: %3")
                     .arg(uri, message, hintForOpenFailure(uri, message));
        return nullptr;
    }
    return std::unique_ptr<LibvirtConnection>(new LibvirtConnection(connection, uri));
}

QString LibvirtConnection::defaultUri()
{
    const QString fromEnvironment = QProcessEnvironment::systemEnvironment().value(QStringLiteral("KEEL_CONNECT"));
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    if (geteuid() != 0)
        return QLatin1String(kSessionUri);
    QString ignored;
    if (open(QLatin1String(kSystemUri), &ignored))
        return QLatin1String(kSystemUri);
    // As root with no system daemon a session daemon may still answer; if not, report the
    // system URI, whose error hint says how to start libvirtd.
    if (open(QLatin1String(kSessionUri), &ignored))
        return QLatin1String(kSessionUri);
    return QLatin1String(kSystemUri);
}

LibvirtConnection::LibvirtConnection(virConnect *connection, const QString &uri)
    : m_connection(connection)
    , m_uri(uri)
{
}

LibvirtConnection::~LibvirtConnection()
{
    virConnectClose(m_connection);
}

QString LibvirtConnection::hostName() const
{
    char *name = virConnectGetHostname(m_connection);
    if (!name)
        return QUrl(m_uri).host();
    const QString result = QString::fromUtf8(name);
    free(name);
    return result;
}

bool LibvirtConnection::isRemote() const
{
    const QString host = QUrl(m_uri).host();
    return !host.isEmpty() && host != u"localhost";
}

bool LibvirtConnection::isTestDriver() const
{
    const char *type = virConnectGetType(m_connection);
    return type && QString::fromUtf8(type).compare(u"test", Qt::CaseInsensitive) == 0;
}

QString LibvirtConnection::lastError(const QString &doing)
{
    const virErrorPtr last = virGetLastError();
    const QString message = last && last->message ? QString::fromUtf8(last->message) : QStringLiteral("unknown libvirt error");
    return QStringLiteral("%1: %2").arg(doing, message);
}

int LibvirtConnection::lastErrorCode()
{
    const virErrorPtr last = virGetLastError();
    return last ? last->code : VIR_ERR_OK;
}

} // namespace Keel
