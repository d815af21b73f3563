#include "featureselection.h"

#include "keeltomleditor.h"
#include "optionvalue.h"
#include "projectloader.h"

#include <QFile>

namespace Keel::Studio {

namespace {

QStringList idsOf(const QList<FeatureRequest>& requests)
{
    QStringList ids;
    for (const FeatureRequest& request : requests)
        ids << request.id;
    return ids;
}

QList<FeatureRequest> requestsFor(const QStringList& ids, const QString& tomlPath)
{
    QList<FeatureRequest> requests;
    for (const QString& id : ids)
        requests.append({id, {tomlPath, 0, 0}});
    return requests;
}

bool conflict(const ModuleManifest* a, const ModuleManifest* b)
{
    return a && b && (a->conflicts.contains(b->id) || b->conflicts.contains(a->id));
}

} // namespace

FeatureSelection::FeatureSelection(ManifestRegistry registry, QObject* parent)
    : QObject(parent)
    , m_registry(std::move(registry))
    , m_resolver(std::make_unique<FeatureResolver>(m_registry))
{
}

bool FeatureSelection::load(const QString& path, QString* error)
{
    const QString tomlPath = path; // path may be m_tomlPath itself, which is cleared next
    m_tomlPath.clear();
    m_loadProblem.clear();
    m_resolver = std::make_unique<FeatureResolver>(m_registry);
    if (tomlPath.isEmpty()) {
        emit changed();
        return true;
    }
    QFile file(tomlPath);
    Diagnostics diagnostics;
    std::optional<Project> project;
    if (file.open(QIODevice::ReadOnly))
        project = ProjectLoader::parse(QString::fromUtf8(file.readAll()), tomlPath, &diagnostics);
    if (!project) {
        *error = diagnostics.isEmpty() ? QStringLiteral("cannot read %1").arg(tomlPath)
                                       : diagnostics.first().render();
        emit changed();
        return false;
    }
    m_project = *project;
    m_tomlPath = tomlPath;
    Diagnostics problems;
    if (!m_resolver->resolve(m_project, &problems))
        m_loadProblem = problems.isEmpty() ? QString() : problems.first().render();
    emit changed();
    return true;
}

bool FeatureSelection::resolveInto(FeatureResolver* resolver, const QStringList& requested,
    const QStringList& disabled, Diagnostics* diagnostics) const
{
    return resolver->resolve(requestsFor(requested, m_tomlPath), requestsFor(disabled, m_tomlPath),
        m_project.options, diagnostics);
}

FeatureChange FeatureSelection::apply(const QStringList& turnOn, const QStringList& turnOff)
{
    FeatureChange change;
    QStringList requested = idsOf(m_project.features);
    QStringList disabled = idsOf(m_project.disabled);
    for (const QString& id : turnOff) {
        requested.removeAll(id);
        const ModuleManifest* module = m_registry.find(id);
        if (module && module->defaultOn && !disabled.contains(id))
            disabled << id;
    }
    for (const QString& id : turnOn) {
        const bool wasDisabled = disabled.removeAll(id) > 0;
        const ModuleManifest* module = m_registry.find(id);
        if (!requested.contains(id) && !(wasDisabled && module && module->defaultOn))
            requested << id;
    }
    FeatureResolver trial(m_registry);
    Diagnostics diagnostics;
    bool ok = resolveInto(&trial, requested, disabled, &diagnostics);
    for (const QString& id : turnOn)
        ok = ok && trial.isEnabled(id);
    for (const QString& id : turnOff)
        ok = ok && !trial.isEnabled(id);
    if (!ok) {
        change.explanation = diagnostics.isEmpty() ? QString() : diagnostics.first().message;
        suggestFix(trial, turnOn, turnOff, &change);
        return change;
    }
    const QStringList enabledBefore = m_resolver->enabled();
    const QSet<QString> before(enabledBefore.cbegin(), enabledBefore.cend());
    if (!write(requested, disabled, &change.error))
        return change;
    m_project.features = requestsFor(requested, m_tomlPath);
    m_project.disabled = requestsFor(disabled, m_tomlPath);
    m_resolver = std::make_unique<FeatureResolver>(m_registry);
    resolveInto(m_resolver.get(), requested, disabled, nullptr);
    m_loadProblem.clear();
    change.applied = true;
    change.explanation = describeApplied(turnOn, turnOff, before);
    emit changed();
    return change;
}

// Names every feature that went on or off as a side effect, with the resolver's reason.
QString FeatureSelection::describeApplied(
    const QStringList& turnOn, const QStringList& turnOff, const QSet<QString>& before) const
{
    QStringList lines;
    for (const QString& id : turnOn)
        lines << tr("%1 is on: %2.").arg(id, m_resolver->why(id));
    for (const QString& id : turnOff)
        lines << tr("%1 is off.").arg(id);
    for (const QString& id : m_resolver->enabled()) {
        if (!before.contains(id) && !turnOn.contains(id))
            lines << tr("It also turned on %1: %2.").arg(id, m_resolver->why(id));
    }
    for (const QString& id : before) {
        if (!m_resolver->isEnabled(id) && !turnOff.contains(id))
            lines << tr("It also turned off %1: %2.").arg(id, m_resolver->whyNot(id));
    }
    return lines.join(QLatin1Char('\n'));
}

// A change that would resolve: turn off what conflicts with the new features or selects the
// ones going off, and turn on the missing dependencies of the new features.
void FeatureSelection::suggestFix(const FeatureResolver& trial, const QStringList& turnOn,
    const QStringList& turnOff, FeatureChange* change) const
{
    QStringList fixOn = turnOn;
    QStringList fixOff = turnOff;
    const QStringList wanted = trial.enabled();
    for (const QString& added : wanted) {
        if (m_resolver->isEnabled(added))
            continue;
        for (const QString& existing : m_resolver->enabled()) {
            if (conflict(m_registry.find(added), m_registry.find(existing))
                && !fixOff.contains(existing) && existing != QLatin1String("core"))
                fixOff << existing;
        }
        const ModuleManifest* module = m_registry.find(added);
        for (const QString& dep : module ? module->depends.identifiers() : QStringList()) {
            if (!trial.isEnabled(dep) && !fixOn.contains(dep))
                fixOn << dep;
        }
    }
    for (const QString& id : turnOff) {
        for (const QString& selector : m_resolver->enabled()) {
            const ModuleManifest* module = m_registry.find(selector);
            if (module && module->selects.contains(id) && !fixOff.contains(selector))
                fixOff << selector;
        }
    }
    if (change->explanation.isEmpty()) {
        for (const QString& id : turnOff) {
            if (trial.isEnabled(id))
                change->explanation = tr("%1 stays on: it is %2.").arg(id, trial.why(id));
        }
    }
    if (fixOn != turnOn || fixOff != turnOff) {
        change->fixTurnOn = fixOn;
        change->fixTurnOff = fixOff;
    }
}

bool FeatureSelection::write(
    const QStringList& requested, const QStringList& disabled, QString* error)
{
    std::optional<KeelTomlEditor> editor = KeelTomlEditor::load(m_tomlPath, error);
    if (!editor)
        return false;
    editor->setStringArray(QStringLiteral("kernel"), QStringLiteral("features"), requested);
    if (!disabled.isEmpty() || editor->hasKey(QStringLiteral("kernel"), QStringLiteral("disable")))
        editor->setStringArray(QStringLiteral("kernel"), QStringLiteral("disable"), disabled);
    if (!editor->save(m_tomlPath, error))
        return false;
    emit tomlWritten(m_tomlPath);
    return true;
}

bool FeatureSelection::setOption(
    const QString& module, const QString& name, const QVariant& raw, QString* error)
{
    const ModuleManifest* manifest = m_registry.find(module);
    const ModuleOption* option = manifest ? manifest->option(name) : nullptr;
    if (!option) {
        *error = tr("%1 has no option %2").arg(module, name);
        return false;
    }
    if (!OptionValue::convert(*option, raw, error))
        return false;
    std::optional<KeelTomlEditor> editor = KeelTomlEditor::load(m_tomlPath, error);
    if (!editor)
        return false;
    editor->setValue(QStringLiteral("kernel.options"), module + QLatin1Char('.') + name, raw);
    if (!editor->save(m_tomlPath, error))
        return false;
    emit tomlWritten(m_tomlPath);
    return load(m_tomlPath, error);
}

QVariant FeatureSelection::optionValue(const QString& module, const QString& name) const
{
    const QVariant resolved = m_resolver->optionValue(module, name);
    if (resolved.isValid())
        return resolved;
    const ModuleManifest* manifest = m_registry.find(module);
    const ModuleOption* option = manifest ? manifest->option(name) : nullptr;
    return option ? option->defaultValue : QVariant();
}

} // namespace Keel::Studio
