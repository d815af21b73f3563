// Every kernel module the builder knows, discovered from kernel/*/module.toml.
//
//   Keel::ManifestRegistry registry;
//   if (!registry.discover(tree.kernelDir(), &diags)) fail(diags);
//   const Keel::ModuleManifest *heap = registry.find(u"heap"_s);
#pragma once

#include "diagnostic.h"
#include "modulemanifest.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace Keel {

class ManifestRegistry
{
public:
    // Loads every kernel/*/module.toml; false when any is malformed (errors name file:line).
    // Also checks that ids match folders and that depends/selects/conflicts name known modules.
    bool discover(const QString &kernelDir, Diagnostics *diagnostics);

    void add(const ModuleManifest &manifest); // for tests and tools
    bool validateReferences(Diagnostics *diagnostics) const;

    const ModuleManifest *find(const QString &id) const;
    QStringList ids() const;              // sorted
    QList<ModuleManifest> modules() const; // sorted by id
    QStringList manifestPaths() const;
    bool isEmpty() const { return m_modules.isEmpty(); }

private:
    QMap<QString, ModuleManifest> m_modules;
};

} // namespace Keel
