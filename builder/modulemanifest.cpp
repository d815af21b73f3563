#include "modulemanifest.h"

#include "globmatcher.h"
#include "optionvalue.h"
#include "sizestring.h"
#include "tomlreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Keel {

namespace {

const QStringList kManifestKeys = {
    QStringLiteral("id"),      QStringLiteral("title"),     QStringLiteral("category"),
    QStringLiteral("help"),    QStringLiteral("default"),   QStringLiteral("depends"),
    QStringLiteral("selects"), QStringLiteral("conflicts"), QStringLiteral("sources"),
    QStringLiteral("defines"), QStringLiteral("options"),   QStringLiteral("includes"),
    QStringLiteral("external")};

const QStringList kOptionKeys = {QStringLiteral("type"), QStringLiteral("default"),
                                 QStringLiteral("min"),  QStringLiteral("max"),
                                 QStringLiteral("choices"), QStringLiteral("help")};

std::optional<OptionType> parseOptionType(const QString &name)
{
    static const QList<QPair<QString, OptionType>> types = {
        {QStringLiteral("bool"), OptionType::Bool},     {QStringLiteral("int"), OptionType::Int},
        {QStringLiteral("size"), OptionType::Size},     {QStringLiteral("string"), OptionType::String},
        {QStringLiteral("choice"), OptionType::Choice}};
    for (const auto &[typeName, type] : types) {
        if (typeName == name)
            return type;
    }
    return std::nullopt;
}

QVariant implicitDefault(const ModuleOption &option)
{
    switch (option.type) {
    case OptionType::Bool: return false;
    case OptionType::Int:
    case OptionType::Size: return QVariant(option.min.value_or(0));
    case OptionType::String: return QString();
    case OptionType::Choice: return option.choices.value(0);
    }
    return {};
}

// min/max of a size option may be written as size strings.
std::optional<qint64> readBound(TomlReader &reader, const toml::table &table, const char *key,
                                const QString &what)
{
    const toml::node *node = table.get(key);
    if (!node)
        return std::nullopt;
    if (const auto *text = node->as_string()) {
        QString error;
        if (const auto bytes = SizeString::parse(QString::fromStdString(text->get()), &error))
            return qint64(*bytes);
        reader.error(node->source(), QStringLiteral("%1: %2").arg(what, error));
        return std::nullopt;
    }
    return reader.integer(table, key, what);
}

std::optional<ModuleOption> readOption(TomlReader &reader, const QString &name,
                                       const toml::node &node)
{
    const QString what = QStringLiteral("options.%1").arg(name);
    const auto *table = node.as_table();
    if (!table) {
        reader.error(node.source(), QStringLiteral("%1 must be a table").arg(what),
                     QStringLiteral("write [options.%1] with type = \"int\" and default = …")
                         .arg(name));
        return std::nullopt;
    }
    reader.warnUnknownKeys(*table, kOptionKeys, QStringLiteral("[%1]").arg(what));
    ModuleOption option;
    option.name = name;
    option.line = int(table->source().begin.line);
    const QString typeText = reader.string(*table, "type", what + QStringLiteral(".type"))
                                 .value_or(QString());
    const auto type = parseOptionType(typeText);
    if (!type) {
        reader.error(table->get("type") ? table->get("type")->source() : table->source(),
                     QStringLiteral("%1 has %2 type").arg(what, typeText.isEmpty()
                                                                  ? QStringLiteral("no")
                                                                  : QStringLiteral("an unknown")),
                     QStringLiteral("set type to bool, int, size, string or choice"));
        return std::nullopt;
    }
    option.type = *type;
    option.help = reader.string(*table, "help", what + QStringLiteral(".help")).value_or(QString());
    option.min = readBound(reader, *table, "min", what + QStringLiteral(".min"));
    option.max = readBound(reader, *table, "max", what + QStringLiteral(".max"));
    option.choices = reader.stringList(*table, "choices", what + QStringLiteral(".choices"))
                         .value_or(QStringList());
    if (option.type == OptionType::Choice && option.choices.isEmpty()) {
        reader.error(table->source(), QStringLiteral("%1 is a choice without choices").arg(what),
                     QStringLiteral("add choices = [\"a\", \"b\"]"));
        return std::nullopt;
    }
    option.defaultValue = implicitDefault(option);
    if (const toml::node *defaultNode = table->get("default")) {
        QString why;
        const auto value = OptionValue::convert(option, reader.toVariant(*defaultNode), &why);
        if (!value) {
            reader.error(defaultNode->source(),
                         QStringLiteral("default of %1 is invalid: %2").arg(what, why));
            return std::nullopt;
        }
        option.defaultValue = *value;
    }
    return option;
}

void readDepends(TomlReader &reader, const toml::table &root, ModuleManifest &manifest)
{
    const auto text = reader.string(root, "depends", QStringLiteral("depends"));
    if (!text)
        return;
    const toml::node *node = root.get("depends");
    manifest.dependsText = *text;
    manifest.dependsLine = int(node->source().begin.line);
    QString error;
    int column = 0;
    const auto expression = FeatureExpression::parse(*text, &error, &column);
    if (!expression) {
        // The value's column points at the opening quote; the expression starts one later.
        toml::source_region region = node->source();
        region.begin.column += toml::source_index(column);
        reader.error(region, QStringLiteral("invalid depends expression \"%1\": %2").arg(*text, error),
                     QStringLiteral("use feature ids with !, &&, || and parentheses, e.g. "
                                    "\"serial && (heap || !tiny)\""));
        return;
    }
    manifest.depends = *expression;
}

} // namespace

QString optionTypeName(OptionType type)
{
    switch (type) {
    case OptionType::Bool: return QStringLiteral("bool");
    case OptionType::Int: return QStringLiteral("int");
    case OptionType::Size: return QStringLiteral("size");
    case OptionType::String: return QStringLiteral("string");
    case OptionType::Choice: return QStringLiteral("choice");
    }
    return {};
}

const ModuleOption *ModuleManifest::option(const QString &name) const
{
    for (const ModuleOption &candidate : options) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

std::optional<ModuleManifest> ModuleManifest::parse(const QString &tomlText,
                                                    const QString &manifestPath,
                                                    Diagnostics *diagnostics)
{
    TomlReader reader(manifestPath, diagnostics);
    const auto root = reader.parse(tomlText);
    if (!root)
        return std::nullopt;
    reader.warnUnknownKeys(*root, kManifestKeys, QStringLiteral("module.toml"));
    ModuleManifest manifest;
    manifest.manifestPath = QFileInfo(manifestPath).absoluteFilePath();
    manifest.directory = QFileInfo(manifestPath).absolutePath();
    manifest.id = reader.string(*root, "id", QStringLiteral("id")).value_or(QString());
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9-]*$"));
    if (!root->get("id"))
        reader.error(root->source(), QStringLiteral("module.toml has no id"),
                     QStringLiteral("add id = \"%1\" (the folder name)")
                         .arg(QFileInfo(manifest.directory).fileName()));
    else if (!manifest.id.isEmpty() && !idPattern.match(manifest.id).hasMatch())
        reader.error(root->get("id")->source(),
                     QStringLiteral("module id \"%1\" is not valid").arg(manifest.id),
                     QStringLiteral("use lower-case letters, digits and '-', starting with a letter"));
    manifest.title = reader.string(*root, "title", QStringLiteral("title")).value_or(manifest.id);
    manifest.category = reader.string(*root, "category", QStringLiteral("category"))
                            .value_or(QStringLiteral("Other"));
    manifest.help = reader.string(*root, "help", QStringLiteral("help")).value_or(QString());
    manifest.defaultOn = reader.boolean(*root, "default", QStringLiteral("default")).value_or(false);
    readDepends(reader, *root, manifest);
    manifest.selects = reader.stringList(*root, "selects", QStringLiteral("selects")).value_or(QStringList());
    manifest.conflicts = reader.stringList(*root, "conflicts", QStringLiteral("conflicts")).value_or(QStringList());
    QList<SourcePosition> sourcePositions;
    manifest.sourceGlobs = reader.stringList(*root, "sources", QStringLiteral("sources"),
                                             &sourcePositions).value_or(QStringList());
    for (const SourcePosition &at : sourcePositions)
        manifest.sourceGlobLines.append(at.line);
    manifest.defines = reader.stringList(*root, "defines", QStringLiteral("defines")).value_or(QStringList());
    for (const QString &include :
         reader.stringList(*root, "includes", QStringLiteral("includes")).value_or(QStringList()))
        manifest.includeDirs << QDir::cleanPath(manifest.directory + QLatin1Char('/') + include);
    if (const toml::table *external = reader.table(*root, "external", QStringLiteral("external")))
        manifest.external = ExternalSources::read(reader, *external);
    if (const toml::table *options = reader.table(*root, "options", QStringLiteral("options"))) {
        for (const auto &[key, node] : *options) {
            if (auto option = readOption(reader, QString::fromUtf8(key.str()), node))
                manifest.options.append(*option);
        }
    }
    if (reader.failed())
        return std::nullopt;
    return manifest;
}

std::optional<ModuleManifest> ModuleManifest::load(const QString &manifestPath,
                                                   Diagnostics *diagnostics)
{
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (diagnostics)
            diagnostics->append(Diagnostic::error(manifestPath, 0, 0,
                                                  QStringLiteral("cannot read: %1").arg(file.errorString())));
        return std::nullopt;
    }
    auto manifest = parse(QString::fromUtf8(file.readAll()), manifestPath, diagnostics);
    if (!manifest)
        return std::nullopt;
    for (const QString &glob : std::as_const(manifest->sourceGlobs)) {
        const QStringList files = GlobMatcher::expand(manifest->directory, glob);
        if (files.isEmpty())
            manifest->missingSourceGlobs << glob;
        for (const QString &f : files) {
            if (!manifest->sources.contains(f))
                manifest->sources.append(f);
        }
    }
    if (manifest->external)
        manifest->external->resolve();
    return manifest;
}

Diagnostics ModuleManifest::sourceProblems() const
{
    Diagnostics problems;
    for (const QString &glob : missingSourceGlobs) {
        const int index = int(sourceGlobs.indexOf(glob));
        problems << Diagnostic::error(
            manifestPath, sourceGlobLines.value(index), 0,
            QStringLiteral("module '%1': source \"%2\" matches no file").arg(id, glob),
            QStringLiteral("paths are relative to %1; fix the entry or add the file").arg(directory));
    }
    if (external)
        problems << external->problems(manifestPath, id);
    return problems;
}

} // namespace Keel
