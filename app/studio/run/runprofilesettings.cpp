#include "runprofilesettings.h"

#include "projectrunprofile.h"

#include <QStringList>

namespace Keel::Studio {

RunProfile runProfileFrom(const RunSettings& settings)
{
    RunProfile profile = runProfileFromProject(settings);
    // A screen needs a VGA card, which microvm does not have; its output is serial only.
    profile.display = profile.machine == QemuMachine::Microvm ? Display::Headless : Display::Vnc;
    return profile;
}

QString portForwardsText(const QList<PortForward>& forwards)
{
    QStringList parts;
    for (const PortForward& forward : forwards)
        parts << QStringLiteral("%1%2:%3")
                     .arg(forward.protocol == PortForward::Protocol::Udp ? QStringLiteral("udp:") : QString())
                     .arg(forward.host)
                     .arg(forward.guest);
    return parts.join(QStringLiteral(", "));
}

std::optional<QList<PortForward>> portForwardsFromText(const QString& text, QString* error)
{
    QList<PortForward> forwards;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const std::optional<HostForward> forward = HostForward::fromString(part.trimmed());
        if (!forward) {
            if (error)
                *error = QObject::tr("'%1' is not [udp:]HOST:GUEST (e.g. 8080:80)").arg(part.trimmed());
            return std::nullopt;
        }
        forwards << PortForward {forward->protocol == HostForward::Protocol::Udp ? PortForward::Protocol::Udp
                                                                                 : PortForward::Protocol::Tcp,
            forward->hostPort, forward->guestPort};
    }
    return forwards;
}

} // namespace Keel::Studio
