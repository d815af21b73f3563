// FeatureResolver's consistency checks: depends cycles, unmet depends, conflicts and options.
#include "featureresolver.h"

#include "nearestname.h"
#include "optionvalue.h"

namespace Keel {

namespace {

// Depth-first search for a cycle through depends; returns the chain "a → b → a" or empty.
QString findCycle(const ManifestRegistry &registry, const QString &id, QStringList &path,
                  QSet<QString> &done)
{
    if (path.contains(id))
        return (path.mid(path.indexOf(id)) << id).join(QStringLiteral(" → "));
    if (done.contains(id) || !registry.find(id))
        return {};
    path << id;
    for (const QString &dep : registry.find(id)->depends.identifiers()) {
        const QString cycle = findCycle(registry, dep, path, done);
        if (!cycle.isEmpty())
            return cycle;
    }
    path.removeLast();
    done.insert(id);
    return {};
}

} // namespace

bool FeatureResolver::checkCycles(Diagnostics *diagnostics) const
{
    QSet<QString> done;
    for (const QString &id : m_registry.ids()) {
        QStringList path;
        const QString cycle = findCycle(m_registry, id, path, done);
        if (cycle.isEmpty())
            continue;
        const ModuleManifest *module = m_registry.find(id);
        report(diagnostics, SourcePosition{module->manifestPath, module->dependsLine, 0},
               QStringLiteral("depends cycle: %1").arg(cycle),
               QStringLiteral("a module cannot depend on itself through others; remove one of "
                              "these depends"));
        return false;
    }
    return true;
}

bool FeatureResolver::checkDepends(Diagnostics *diagnostics) const
{
    bool ok = true;
    for (const QString &id : enabled()) {
        const ModuleManifest *module = m_registry.find(id);
        if (module->depends.evaluate([&](const QString &dep) { return m_enabled.contains(dep); }))
            continue;
        ok = false;
        QSet<QString> visiting{id};
        QStringList missing;
        for (const QString &dep : module->depends.identifiers()) {
            if (!m_enabled.contains(dep))
                missing << QStringLiteral("\"%1\"").arg(dep);
        }
        report(diagnostics, blamePosition(id),
               QStringLiteral("feature '%1' (%2) %3").arg(id, why(id), dependsFailure(id, visiting)),
               missing.isEmpty()
                   ? QStringLiteral("turn off what '%1' cannot be combined with").arg(id)
                   : QStringLiteral("add %1 to [kernel] features in keel.toml")
                         .arg(missing.join(QLatin1String(", "))));
    }
    return ok;
}

bool FeatureResolver::checkConflicts(Diagnostics *diagnostics) const
{
    bool ok = true;
    const QStringList ids = enabled();
    for (const QString &a : ids) {
        for (const QString &b : m_registry.find(a)->conflicts) {
            if (!m_enabled.contains(b) || (a > b && m_registry.find(b)->conflicts.contains(a)))
                continue; // mutual conflicts are reported once
            ok = false;
            const QString blamed = m_reasons.value(b) == EnableReason::Requested ? b : a;
            report(diagnostics, blamePosition(blamed),
                   QStringLiteral("feature '%1' (%2) conflicts with '%3' (%4)")
                       .arg(a, why(a), b, why(b)),
                   QStringLiteral("turn one of them off: remove it (or what selects it) from "
                                  "[kernel] features"));
        }
    }
    return ok;
}

bool FeatureResolver::resolveOptions(const QList<OptionSetting> &settings,
                                     Diagnostics *diagnostics)
{
    for (const QString &id : m_enabled) {
        for (const ModuleOption &option : m_registry.find(id)->options)
            m_options[id].insert(option.name,
                                 ResolvedOption{id, option.name, option.type, option.defaultValue, false});
    }
    bool ok = true;
    for (const OptionSetting &setting : settings) {
        const QString key = setting.module + QLatin1Char('.') + setting.name;
        const ModuleManifest *module = m_registry.find(setting.module);
        if (!module) {
            ok = false;
            report(diagnostics, setting.where,
                   QStringLiteral("option %1 names unknown module '%2'%3")
                       .arg(key, setting.module,
                            NearestName::suggestion(setting.module, m_registry.ids())),
                   QStringLiteral("options are written <module>.<option> = value"));
            continue;
        }
        const ModuleOption *option = module->option(setting.name);
        if (!option) {
            QStringList names;
            for (const ModuleOption &o : module->options)
                names << o.name;
            ok = false;
            report(diagnostics, setting.where,
                   QStringLiteral("module '%1' has no option '%2'%3")
                       .arg(setting.module, setting.name,
                            NearestName::suggestion(setting.name, names)),
                   names.isEmpty() ? QStringLiteral("'%1' has no options; remove the line")
                                         .arg(setting.module)
                                   : QStringLiteral("its options: %1")
                                         .arg(names.join(QLatin1String(", "))));
            continue;
        }
        QString why;
        const auto value = OptionValue::convert(*option, setting.value, &why);
        if (!value) {
            ok = false;
            report(diagnostics, setting.where, QStringLiteral("invalid value for %1: %2").arg(key, why),
                   QStringLiteral("%1 takes %2").arg(key, OptionValue::describeAccepted(*option)));
            continue;
        }
        if (!m_enabled.contains(setting.module)) {
            if (diagnostics)
                diagnostics->append(Diagnostic::warning(
                    setting.where.file, setting.where.line, setting.where.column,
                    QStringLiteral("option %1 is set but feature '%2' is off (ignored)")
                        .arg(key, setting.module),
                    QStringLiteral("add \"%1\" to [kernel] features or remove the option")
                        .arg(setting.module)));
            continue;
        }
        m_options[setting.module][setting.name] =
            ResolvedOption{setting.module, setting.name, option->type, *value, true};
    }
    return ok;
}

QList<ResolvedOption> FeatureResolver::options() const
{
    QList<ResolvedOption> all;
    for (const auto &perModule : m_options) {
        for (const ResolvedOption &option : perModule)
            all << option;
    }
    return all;
}

QVariant FeatureResolver::optionValue(const QString &module, const QString &name) const
{
    return m_options.value(module).value(name).value;
}

} // namespace Keel
