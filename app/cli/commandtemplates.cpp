// keel templates
#include "cliconsole.h"
#include "commandparser.h"
#include "commands.h"
#include "keeltree.h"
#include "templatecatalog.h"

namespace Keel::Cli {

int runTemplatesCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("templates"), QStringLiteral("List the templates 'keel new' can use."));
    if (auto exit = parser.parse(arguments))
        return *exit;
    QString error;
    const auto tree = KeelTree::locate(&error);
    if (!tree) {
        printError(error, QStringLiteral("set KEEL_ROOT to the folder holding kernel/ and templates/"));
        return kExitError;
    }
    const QList<TemplateInfo> templates = TemplateCatalog(tree->templatesDir()).templates();
    if (templates.isEmpty()) {
        printError(QStringLiteral("no templates in %1").arg(tree->templatesDir()));
        return kExitError;
    }
    qsizetype width = 0;
    for (const TemplateInfo &info : templates)
        width = qMax(width, info.name.size());
    for (const TemplateInfo &info : templates) {
        printLine(QStringLiteral("%1  %2").arg(info.name, -int(width)).arg(info.title));
        if (!info.description.isEmpty())
            printLine(QStringLiteral("%1  %2").arg(QString(), -int(width)).arg(info.description));
    }
    return kExitOk;
}

} // namespace Keel::Cli
