// One kernel module's module.toml (schema: docs/manifest.md).
//
//   Keel::Diagnostics diags;
//   auto serial = Keel::ModuleManifest::load(kernelDir + "/serial/module.toml", &diags);
#pragma once

#include "diagnostic.h"
#include "externalsources.h"
#include "featureexpression.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

namespace Keel {

enum class OptionType { Bool, Int, Size, String, Choice };

QString optionTypeName(OptionType type);

struct ModuleOption {
    QString name;
    OptionType type = OptionType::Int;
    // bool → bool; int/size → qint64 (sizes in bytes); string/choice → QString.
    QVariant defaultValue;
    std::optional<qint64> min;
    std::optional<qint64> max;
    QStringList choices;
    QString help;
    int line = 0;
};

struct ModuleManifest {
    QString id;
    QString title;
    QString category;
    QString help;
    bool defaultOn = false;
    QString dependsText;          // as written; empty = no dependency
    FeatureExpression depends;    // parsed dependsText
    int dependsLine = 0;
    QStringList selects;
    QStringList conflicts;
    QStringList sourceGlobs;      // relative to directory
    QList<int> sourceGlobLines;   // line of each sourceGlobs entry in module.toml
    QStringList sources;          // absolute, resolved from sourceGlobs by load()
    QStringList missingSourceGlobs; // globs that matched nothing (an error once the module is on)
    QStringList defines;
    QStringList includeDirs;      // absolute, from `includes` (-I for every translation unit)
    std::optional<ExternalSources> external; // [external]: sources from outside the repository
    QList<ModuleOption> options;
    QString directory;            // absolute folder of module.toml
    QString manifestPath;         // absolute path of module.toml

    const ModuleOption *option(const QString &name) const;
    // One error per missing source glob, at its line in module.toml. The builder reports
    // these only for enabled modules, so a half-written module does not break other builds.
    Diagnostics sourceProblems() const;

    static std::optional<ModuleManifest> load(const QString &manifestPath,
                                              Diagnostics *diagnostics);
    // Parses text only; sources stay unresolved.
    static std::optional<ModuleManifest> parse(const QString &tomlText,
                                               const QString &manifestPath,
                                               Diagnostics *diagnostics);
};

} // namespace Keel
