// keel features [--explain ID]
#include "builder.h"
#include "cliconsole.h"
#include "commandparser.h"
#include "commands.h"
#include "nearestname.h"
#include "sizestring.h"

#include <QDir>
#include <QMap>

namespace Keel::Cli {

namespace {

QString stateText(const Configuration &config, const QString &id)
{
    const FeatureResolver &resolver = *config.resolver;
    if (resolver.isEnabled(id))
        return resolver.why(id);
    const QString whyNot = resolver.whyNot(id);
    return whyNot.isEmpty() ? QStringLiteral("off (not requested)") : whyNot;
}

QString optionText(const ResolvedOption &option)
{
    if (option.type == OptionType::Size)
        return SizeString::format(option.value.toULongLong());
    if (option.type == OptionType::Bool)
        return option.value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (option.type == OptionType::String || option.type == OptionType::Choice)
        return u'"' + option.value.toString() + u'"';
    return option.value.toString();
}

void listFeatures(const Configuration &config)
{
    QMap<QString, QList<ModuleManifest>> byCategory;
    qsizetype width = 0;
    for (const ModuleManifest &module : config.registry->modules()) {
        byCategory[module.category.isEmpty() ? QStringLiteral("Other") : module.category] << module;
        width = qMax(width, module.id.size());
    }
    for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
        printLine(it.key() + u':');
        for (const ModuleManifest &module : it.value()) {
            const bool on = config.resolver->isEnabled(module.id);
            printLine(QStringLiteral("  [%1] %2  %3 — %4")
                          .arg(on ? QChar(u'x') : QChar(u' ')).arg(module.id, -int(width)).arg(module.title, stateText(config, module.id)));
        }
    }
}

int explain(const Configuration &config, const QString &id)
{
    const ModuleManifest *module = config.registry->find(id);
    if (!module) {
        printError(QStringLiteral("unknown feature '%1'%2").arg(id, NearestName::suggestion(id, config.registry->ids())),
                   QStringLiteral("run 'keel features' to list them"));
        return kExitError;
    }
    const bool on = config.resolver->isEnabled(id);
    printLine(QStringLiteral("%1 — %2 (%3)").arg(module->id, module->title, module->category));
    if (!module->help.isEmpty())
        printLine(QStringLiteral("  ") + module->help);
    printLine(QStringLiteral("  state: %1").arg(on ? QStringLiteral("on") : QStringLiteral("off")));
    printLine(QStringLiteral("  why: %1").arg(stateText(config, id)));
    if (!module->dependsText.isEmpty())
        printLine(QStringLiteral("  depends: %1").arg(module->dependsText));
    if (!module->selects.isEmpty())
        printLine(QStringLiteral("  selects: %1").arg(module->selects.join(QStringLiteral(", "))));
    if (!module->conflicts.isEmpty())
        printLine(QStringLiteral("  conflicts: %1").arg(module->conflicts.join(QStringLiteral(", "))));
    for (const ResolvedOption &option : config.resolver->options()) {
        if (option.module == id)
            printLine(QStringLiteral("  option %1.%2 = %3%4").arg(id, option.name, optionText(option),
                                                              option.fromProject ? QStringLiteral(" (from keel.toml)")
                                                                                 : QStringLiteral(" (default)")));
    }
    return kExitOk;
}

} // namespace

int runFeaturesCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("features"),
                         QStringLiteral("List the kernel features by category: on or off, and why."));
    parser.addOption({QStringLiteral("explain"), QStringLiteral("Explain why feature ID is on or off."), QStringLiteral("ID")});
    if (auto exit = parser.parse(arguments))
        return *exit;
    Diagnostics diagnostics;
    const auto config = Builder::configure(QDir::currentPath(), &diagnostics);
    printDiagnostics(diagnostics);
    if (!config)
        return kExitError;
    const int status = parser.isSet(QStringLiteral("explain")) ? explain(*config, parser.value(QStringLiteral("explain")))
                                                               : (listFeatures(*config), kExitOk);
    // A failed resolution still lists the partial state, but the command reports the failure.
    return config->resolved ? status : kExitError;
}

} // namespace Keel::Cli
