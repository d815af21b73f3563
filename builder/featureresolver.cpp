#include "featureresolver.h"

#include "nearestname.h"

namespace Keel {

namespace {

const QString kCore = QStringLiteral("core");

} // namespace

FeatureResolver::FeatureResolver(const ManifestRegistry &registry)
    : m_registry(registry)
{
}

bool FeatureResolver::resolve(const Project &project, Diagnostics *diagnostics)
{
    return resolve(project.features, project.disabled, project.options, diagnostics);
}

bool FeatureResolver::resolve(const QList<FeatureRequest> &requested,
                              const QList<FeatureRequest> &disabled,
                              const QList<OptionSetting> &options, Diagnostics *diagnostics)
{
    reset(requested, disabled);
    bool ok = checkUnknown(requested, diagnostics);
    ok = checkUnknown(disabled, diagnostics) && ok;
    ok = checkCycles(diagnostics) && ok;
    ok = checkRequestsAgainstDisabled(diagnostics) && ok;
    // Defaults give way to what the project asks for: drop them until the set is consistent.
    do {
        computeClosure(seeds());
    } while (dropUnsatisfiedDefaults());
    ok = checkDepends(diagnostics) && ok;
    ok = checkConflicts(diagnostics) && ok;
    ok = resolveOptions(options, diagnostics) && ok;
    return ok;
}

void FeatureResolver::reset(const QList<FeatureRequest> &requested,
                            const QList<FeatureRequest> &disabled)
{
    m_requested.clear();
    m_disabled.clear();
    m_dropped.clear();
    m_blockedBy.clear();
    m_options.clear();
    for (const FeatureRequest &request : requested) {
        if (m_registry.find(request.id) && !m_requested.contains(request.id))
            m_requested.insert(request.id, request);
    }
    for (const FeatureRequest &request : disabled) {
        if (m_registry.find(request.id) && request.id != kCore)
            m_disabled.insert(request.id, request);
    }
}

QStringList FeatureResolver::seeds() const
{
    // Order matters: the first reason recorded for a module wins, strongest first.
    QStringList seeds{kCore};
    for (const QString &id : m_requested.keys()) {
        if (!m_disabled.contains(id))
            seeds << id;
    }
    for (const ModuleManifest &module : m_registry.modules()) {
        if (module.defaultOn && !m_disabled.contains(module.id) && !m_dropped.contains(module.id))
            seeds << module.id;
    }
    return seeds;
}

void FeatureResolver::computeClosure(const QStringList &seeds)
{
    m_enabled.clear();
    m_reasons.clear();
    m_selectedBy.clear();
    QStringList queue;
    for (const QString &id : seeds) {
        if (m_enabled.contains(id) || !m_registry.find(id))
            continue;
        m_enabled.insert(id);
        m_reasons.insert(id, id == kCore                 ? EnableReason::AlwaysOn
                             : m_requested.contains(id) ? EnableReason::Requested
                                                        : EnableReason::Default);
        queue << id;
    }
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        for (const QString &selected : m_registry.find(id)->selects) {
            if (m_enabled.contains(selected) || !m_registry.find(selected)
                || m_disabled.contains(selected))
                continue;
            m_enabled.insert(selected);
            m_reasons.insert(selected, EnableReason::Selected);
            m_selectedBy.insert(selected, id);
            queue << selected;
        }
    }
}

bool FeatureResolver::dropUnsatisfiedDefaults()
{
    for (const QString &id : m_enabled) {
        if (m_reasons.value(id) != EnableReason::Default)
            continue;
        const ModuleManifest *module = m_registry.find(id);
        QString blocked;
        for (const QString &selected : module->selects) {
            if (m_disabled.contains(selected))
                blocked = QStringLiteral("it selects %1, which is disabled in keel.toml").arg(selected);
        }
        for (const QString &other : m_enabled) {
            const ModuleManifest *otherModule = m_registry.find(other);
            const bool conflicting = module->conflicts.contains(other)
                                     || otherModule->conflicts.contains(id);
            if (conflicting && m_reasons.value(other) != EnableReason::Default)
                blocked = QStringLiteral("conflicts with %1 (%2)").arg(other, why(other));
        }
        if (blocked.isEmpty() && !module->depends.evaluate([&](const QString &dep) {
                return m_enabled.contains(dep);
            })) {
            QSet<QString> visiting{id};
            blocked = dependsFailure(id, visiting);
        }
        if (!blocked.isEmpty()) {
            m_dropped.insert(id);
            m_blockedBy.insert(id, QStringLiteral("on by default, but turned off: %1").arg(blocked));
            return true;
        }
    }
    return false;
}

bool FeatureResolver::checkUnknown(const QList<FeatureRequest> &requests,
                                   Diagnostics *diagnostics) const
{
    bool ok = true;
    for (const FeatureRequest &request : requests) {
        if (m_registry.find(request.id))
            continue;
        ok = false;
        const QString nearest = NearestName::find(request.id, m_registry.ids());
        report(diagnostics, request.where,
               QStringLiteral("unknown feature '%1'%2")
                   .arg(request.id, NearestName::suggestion(request.id, m_registry.ids())),
               nearest.isEmpty() ? QStringLiteral("available features: %1 (see `keel features`)")
                                       .arg(m_registry.ids().join(QLatin1String(", ")))
                                 : QStringLiteral("replace it with \"%1\"").arg(nearest));
    }
    return ok;
}

bool FeatureResolver::checkRequestsAgainstDisabled(Diagnostics *diagnostics) const
{
    bool ok = true;
    for (const FeatureRequest &request : m_disabled) {
        if (m_requested.contains(request.id)) {
            ok = false;
            report(diagnostics, request.where,
                   QStringLiteral("feature '%1' is both requested and disabled").arg(request.id),
                   QStringLiteral("remove it from [kernel] features or from disable"));
        }
    }
    return ok;
}

void FeatureResolver::report(Diagnostics *diagnostics, const SourcePosition &at,
                             const QString &message, const QString &hint) const
{
    if (diagnostics)
        diagnostics->append(Diagnostic::error(at.file, at.line, at.column, message, hint));
}

QStringList FeatureResolver::enabled() const
{
    QStringList ids(m_enabled.begin(), m_enabled.end());
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        return (a == kCore) != (b == kCore) ? a == kCore : a < b;
    });
    return ids;
}

EnableReason FeatureResolver::reason(const QString &id) const
{
    return m_reasons.value(id, EnableReason::Default);
}

QString reasonName(EnableReason reason)
{
    switch (reason) {
    case EnableReason::AlwaysOn: return QStringLiteral("always on");
    case EnableReason::Requested: return QStringLiteral("requested");
    case EnableReason::Selected: return QStringLiteral("selected");
    case EnableReason::Default: return QStringLiteral("default");
    }
    return {};
}

} // namespace Keel
