// FeatureResolver's answers to "why is X on" and "why can X not be on", with the whole chain.
#include "featureresolver.h"

#include "nearestname.h"

namespace Keel {

QString FeatureResolver::why(const QString &id) const
{
    if (!m_enabled.contains(id))
        return {};
    switch (m_reasons.value(id)) {
    case EnableReason::AlwaysOn: return QStringLiteral("always on");
    case EnableReason::Requested: return QStringLiteral("requested in keel.toml");
    case EnableReason::Default: return QStringLiteral("on by default");
    case EnableReason::Selected: {
        const QString by = m_selectedBy.value(id);
        return QStringLiteral("selected by %1 (which is %2)").arg(by, why(by));
    }
    }
    return {};
}

QString FeatureResolver::whyNot(const QString &id) const
{
    QSet<QString> visiting;
    return whyNotImpl(id, visiting);
}

QString FeatureResolver::whyNotImpl(const QString &id, QSet<QString> &visiting) const
{
    const ModuleManifest *module = m_registry.find(id);
    if (!module)
        return QStringLiteral("there is no feature '%1'%2")
            .arg(id, NearestName::suggestion(id, m_registry.ids()));
    if (m_enabled.contains(id))
        return {};
    if (visiting.contains(id))
        return QStringLiteral("it is part of a depends cycle");
    visiting.insert(id);
    QString answer;
    if (m_disabled.contains(id)) {
        answer = QStringLiteral("disabled in keel.toml");
    } else if (m_blockedBy.contains(id)) {
        answer = m_blockedBy.value(id);
    } else {
        for (const QString &other : enabled()) {
            if (module->conflicts.contains(other) || m_registry.find(other)->conflicts.contains(id)) {
                answer = QStringLiteral("conflicts with %1 (%2)").arg(other, why(other));
                break;
            }
        }
        if (answer.isEmpty() && !module->depends.evaluate([&](const QString &dep) {
                return m_enabled.contains(dep);
            }))
            answer = dependsFailure(id, visiting);
        if (answer.isEmpty())
            answer = QStringLiteral("not requested (add \"%1\" to [kernel] features in keel.toml)")
                         .arg(id);
    }
    visiting.remove(id);
    return answer;
}

QString FeatureResolver::dependsFailure(const QString &id, QSet<QString> &visiting) const
{
    const ModuleManifest *module = m_registry.find(id);
    for (const QString &dep : module->depends.identifiers()) {
        if (m_enabled.contains(dep))
            continue;
        if (visiting.contains(dep))
            return QStringLiteral("depends on %1, which is part of a depends cycle").arg(dep);
        visiting.insert(id);
        const QString because = whyNotImpl(dep, visiting);
        return QStringLiteral("depends on %1, which is off because %2").arg(dep, because);
    }
    // Every id mentioned is on, so a negation fails: name what is on.
    QStringList onIds;
    for (const QString &dep : module->depends.identifiers())
        onIds << QStringLiteral("%1 is %2").arg(dep, why(dep));
    return QStringLiteral("depends on \"%1\", which is false because %2")
        .arg(module->dependsText, onIds.join(QLatin1String(", ")));
}

SourcePosition FeatureResolver::blamePosition(const QString &id) const
{
    // Point at the keel.toml line that brought the module in; a default or core module's
    // problem is in its manifest.
    QString current = id;
    for (int guard = 0; guard < 64 && m_reasons.value(current) == EnableReason::Selected; ++guard)
        current = m_selectedBy.value(current);
    if (m_requested.contains(current))
        return m_requested.value(current).where;
    const ModuleManifest *module = m_registry.find(id);
    return SourcePosition{module ? module->manifestPath : QString(),
                          module ? module->dependsLine : 0, 0};
}

} // namespace Keel
