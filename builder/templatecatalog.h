// Project templates under <keel>/templates/<name>/, each with a template.toml
// (title, description) that is not copied into new projects.
//
//   Keel::TemplateCatalog catalog(tree.templatesDir());
//   for (const auto &t : catalog.templates()) print(t.name, t.title);
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace Keel {

struct TemplateInfo {
    QString name;        // folder name
    QString title;
    QString description;
    QString directory;   // absolute
};

class TemplateCatalog
{
public:
    explicit TemplateCatalog(const QString &templatesDir);

    QList<TemplateInfo> templates() const; // sorted by name; folders without template.toml skipped
    std::optional<TemplateInfo> find(const QString &name) const;

private:
    QString m_dir;
};

} // namespace Keel
