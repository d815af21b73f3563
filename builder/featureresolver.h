// Turns the features a project asks for into a closed, consistent set, and explains it.
//
//   Keel::FeatureResolver resolver(registry);
//   if (!resolver.resolve(project, &diags)) fail(diags);
//   resolver.enabled();            // ["core", "heap", "serial"]
//   resolver.why(u"serial"_s);     // "on by default"
//   resolver.whyNot(u"net"_s);     // "depends on virtio-net, which is off because …"
#pragma once

#include "diagnostic.h"
#include "manifestregistry.h"
#include "project.h"

#include <QMap>
#include <QSet>
#include <QStringList>
#include <QVariant>

namespace Keel {

enum class EnableReason { AlwaysOn, Requested, Selected, Default };

struct ResolvedOption {
    QString module;
    QString name;
    OptionType type = OptionType::Int;
    QVariant value;          // bool, qint64 (int and size, in bytes) or QString
    bool fromProject = false; // false: the manifest default
};

class FeatureResolver
{
public:
    explicit FeatureResolver(const ManifestRegistry &registry);

    // Resolves features and options of the project. Errors point at keel.toml (or the
    // manifest at fault). After a failure why()/whyNot() still explain the partial state.
    bool resolve(const Project &project, Diagnostics *diagnostics);
    bool resolve(const QList<FeatureRequest> &requested, const QList<FeatureRequest> &disabled,
                 const QList<OptionSetting> &options, Diagnostics *diagnostics);

    bool isEnabled(const QString &id) const { return m_enabled.contains(id); }
    QStringList enabled() const; // sorted by id, core first
    EnableReason reason(const QString &id) const;

    // "always on", "requested in keel.toml", "on by default",
    // "selected by X (which is requested in keel.toml)". Empty when id is off.
    QString why(const QString &id) const;
    // Why id is off or could not be turned on; empty when it is on.
    QString whyNot(const QString &id) const;

    QList<ResolvedOption> options() const; // enabled modules only, sorted by module then name
    QVariant optionValue(const QString &module, const QString &name) const;

private:
    void reset(const QList<FeatureRequest> &requested, const QList<FeatureRequest> &disabled);
    QStringList seeds() const;
    void computeClosure(const QStringList &seeds);
    bool dropUnsatisfiedDefaults();
    bool checkUnknown(const QList<FeatureRequest> &requests, Diagnostics *diagnostics) const;
    bool checkCycles(Diagnostics *diagnostics) const;
    bool checkRequestsAgainstDisabled(Diagnostics *diagnostics) const;
    bool checkDepends(Diagnostics *diagnostics) const;
    bool checkConflicts(Diagnostics *diagnostics) const;
    bool resolveOptions(const QList<OptionSetting> &settings, Diagnostics *diagnostics);
    QString dependsFailure(const QString &id, QSet<QString> &visiting) const;
    QString whyNotImpl(const QString &id, QSet<QString> &visiting) const;
    SourcePosition blamePosition(const QString &id) const;
    void report(Diagnostics *diagnostics, const SourcePosition &at, const QString &message,
                const QString &hint) const;

    const ManifestRegistry &m_registry;
    QMap<QString, FeatureRequest> m_requested;
    QMap<QString, FeatureRequest> m_disabled;
    QSet<QString> m_dropped;                 // defaults turned off to keep the set consistent
    QSet<QString> m_enabled;
    QMap<QString, EnableReason> m_reasons;
    QMap<QString, QString> m_selectedBy;     // id → the enabled module that selected it
    QMap<QString, QString> m_blockedBy;      // id → why a default could not stay on
    QMap<QString, QMap<QString, ResolvedOption>> m_options;
};

QString reasonName(EnableReason reason);

} // namespace Keel
