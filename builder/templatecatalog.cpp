#include "templatecatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <toml++/toml.h>

namespace Keel {

namespace {

std::optional<TemplateInfo> readTemplate(const QString &directory)
{
    QFile file(directory + QStringLiteral("/template.toml"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    TemplateInfo info;
    info.name = QFileInfo(directory).fileName();
    info.directory = QFileInfo(directory).absoluteFilePath();
    info.title = info.name;
    try {
        const toml::table table = toml::parse(file.readAll().toStdString());
        info.title = QString::fromStdString(table["title"].value_or(info.name.toStdString()));
        info.description = QString::fromStdString(table["description"].value_or(std::string()));
    } catch (const toml::parse_error &) {
        // A broken template.toml still lists the template by name rather than hiding it.
        info.description = QStringLiteral("(template.toml is not valid TOML)");
    }
    return info;
}

} // namespace

TemplateCatalog::TemplateCatalog(const QString &templatesDir)
    : m_dir(templatesDir)
{
}

QList<TemplateInfo> TemplateCatalog::templates() const
{
    QList<TemplateInfo> list;
    const auto folders = QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        if (auto info = readTemplate(m_dir + QLatin1Char('/') + folder))
            list << *info;
    }
    return list;
}

std::optional<TemplateInfo> TemplateCatalog::find(const QString &name) const
{
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.startsWith(QLatin1Char('.')))
        return std::nullopt;
    return readTemplate(m_dir + QLatin1Char('/') + name);
}

} // namespace Keel
