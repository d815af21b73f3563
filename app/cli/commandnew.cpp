// keel new DIR [--template NAME] [--name NAME]
#include "cliconsole.h"
#include "commandparser.h"
#include "commands.h"
#include "keeltree.h"
#include "nearestname.h"
#include "projectcreator.h"

#include <QDir>
#include <QFileInfo>

namespace Keel::Cli {

namespace {

QStringList templateNames(const TemplateCatalog &catalog)
{
    QStringList names;
    for (const TemplateInfo &info : catalog.templates())
        names << info.name;
    return names;
}

} // namespace

int runNewCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("new"),
                         QStringLiteral("Create a project in DIR from a template. DIR must not exist or be empty;\n"
                                        "the project is named after it."));
    parser.addPositional(QStringLiteral("DIR"), QStringLiteral("Folder of the new project."));
    parser.addOption({QStringLiteral("template"), QStringLiteral("Template to start from (see 'keel templates')."),
                      QStringLiteral("NAME"), QStringLiteral("hello")});
    parser.addOption({QStringLiteral("name"), QStringLiteral("Project name (default: from DIR's name)."), QStringLiteral("NAME")});
    parser.setPositionalRange(1, 1);
    if (auto exit = parser.parse(arguments))
        return *exit;
    QString error;
    const auto tree = KeelTree::locate(&error);
    if (!tree) {
        printError(error, QStringLiteral("set KEEL_ROOT to the folder holding kernel/ and templates/"));
        return kExitError;
    }
    const TemplateCatalog catalog(tree->templatesDir());
    const QString templateName = parser.value(QStringLiteral("template"));
    const auto templ = catalog.find(templateName);
    if (!templ)
        return *parser.usageError(QStringLiteral("unknown template '%1'%2; available: %3")
                                      .arg(templateName, NearestName::suggestion(templateName, templateNames(catalog)),
                                           templateNames(catalog).join(QStringLiteral(", "))));
    const QString directory = QDir::current().absoluteFilePath(parser.positional().constFirst());
    const QString name = parser.isSet(QStringLiteral("name")) ? parser.value(QStringLiteral("name"))
                                                              : ProjectCreator::nameFromDirectory(directory);
    if (name.isEmpty()) {
        printError(QStringLiteral("cannot make a project name from '%1'").arg(QFileInfo(directory).fileName()),
                   QStringLiteral("use a folder name made of letters, digits, '-' and '_'"));
        return kExitError;
    }
    if (!ProjectCreator::create(*templ, directory, name, &error)) {
        printError(error);
        return kExitError;
    }
    const QString shown = QDir::current().relativeFilePath(directory);
    printLine(QStringLiteral("created project '%1' in %2 from template '%3'").arg(name, shown, templ->name));
    printLine(QStringLiteral("next: cd %1 && keel run").arg(shown));
    return kExitOk;
}

} // namespace Keel::Cli
