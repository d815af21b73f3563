// DeployBackend: every libvirt call of the Deploy panel, on a worker thread (DeployPanel moves
// it there) so a slow or unreachable host never freezes the UI. Slots are invoked queued;
// results come back as signals.
#pragma once

#include "deploy/deployrequest.h"
#include "deploy/libvirtconnection.h"

#include <QObject>
#include <memory>

namespace Keel::Studio {

class DeployBackend : public QObject {
    Q_OBJECT
public:
    enum class Action { Start, Stop, Remove };

    // Empty uri: LibvirtConnection::defaultUri().
    void connectTo(const QString& uri);
    void refresh();
    // Builds the project's release image, then deploys `replicas` copies named after the project.
    void deployProject(const QString& projectDir, int replicas);
    void act(Action action, const QString& name);
    void readLog(const QString& name);

signals:
    void connected(const QString& uri, const QString& error);
    void listed(const QList<Keel::PicoVm>& vms, const QString& error);
    void progress(const QString& message);
    void finished(const QString& message, bool ok);
    void logRead(const QString& name, const QString& text, const QString& error);

private:
    bool requireConnection();

    std::unique_ptr<LibvirtConnection> m_connection;
};

} // namespace Keel::Studio
