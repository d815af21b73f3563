#include "manifestregistry.h"

#include "nearestname.h"

#include <QDir>
#include <QFileInfo>

namespace Keel {

bool ManifestRegistry::discover(const QString &kernelDir, Diagnostics *diagnostics)
{
    const QDir dir(kernelDir);
    if (!dir.exists()) {
        if (diagnostics)
            diagnostics->append(Diagnostic::error(kernelDir, 0, 0,
                                                  QStringLiteral("kernel folder not found"),
                                                  QStringLiteral("set KEEL_ROOT to the Keel tree")));
        return false;
    }
    bool ok = true;
    const auto folders = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        const QString path = dir.absoluteFilePath(folder + QStringLiteral("/module.toml"));
        if (!QFileInfo(path).isFile())
            continue; // arch/, include/, lib/: code shared by modules, not a module
        auto manifest = ModuleManifest::load(path, diagnostics);
        if (!manifest) {
            ok = false;
            continue;
        }
        if (manifest->id != folder) {
            if (diagnostics)
                diagnostics->append(Diagnostic::error(
                    path, 1, 1, QStringLiteral("module id \"%1\" differs from its folder \"%2\"")
                                    .arg(manifest->id, folder),
                    QStringLiteral("set id = \"%1\" or rename the folder").arg(folder)));
            ok = false;
            continue;
        }
        add(*manifest);
    }
    return validateReferences(diagnostics) && ok;
}

void ManifestRegistry::add(const ModuleManifest &manifest)
{
    m_modules.insert(manifest.id, manifest);
}

bool ManifestRegistry::validateReferences(Diagnostics *diagnostics) const
{
    bool ok = true;
    const QStringList known = ids();
    for (const ModuleManifest &manifest : m_modules) {
        const auto check = [&](const QStringList &refs, const QString &key) {
            for (const QString &ref : refs) {
                if (m_modules.contains(ref))
                    continue;
                ok = false;
                if (diagnostics)
                    diagnostics->append(Diagnostic::error(
                        manifest.manifestPath, key == QLatin1String("depends") ? manifest.dependsLine : 0, 0,
                        QStringLiteral("module '%1' %2 unknown module '%3'%4")
                            .arg(manifest.id, key, ref, NearestName::suggestion(ref, known)),
                        QStringLiteral("known modules: %1").arg(known.join(QLatin1String(", ")))));
            }
        };
        check(manifest.depends.identifiers(), QStringLiteral("depends"));
        check(manifest.selects, QStringLiteral("selects"));
        check(manifest.conflicts, QStringLiteral("conflicts"));
    }
    return ok;
}

const ModuleManifest *ManifestRegistry::find(const QString &id) const
{
    const auto it = m_modules.constFind(id);
    return it == m_modules.cend() ? nullptr : &it.value();
}

QStringList ManifestRegistry::ids() const
{
    return m_modules.keys();
}

QList<ModuleManifest> ManifestRegistry::modules() const
{
    return m_modules.values();
}

QStringList ManifestRegistry::manifestPaths() const
{
    QStringList paths;
    for (const ModuleManifest &manifest : m_modules)
        paths << manifest.manifestPath;
    return paths;
}

} // namespace Keel
