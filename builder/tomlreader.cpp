#include "tomlreader.h"

#include "nearestname.h"

namespace Keel {

TomlReader::TomlReader(const QString &file, Diagnostics *diagnostics)
    : m_file(file)
    , m_diagnostics(diagnostics)
{
}

std::optional<toml::table> TomlReader::parse(const QString &text)
{
    const std::string utf8 = text.toStdString();
    try {
        return toml::parse(utf8, m_file.toStdString());
    } catch (const toml::parse_error &e) {
        error(e.source(), QStringLiteral("invalid TOML: %1").arg(QString::fromUtf8(e.description())),
              QStringLiteral("fix the syntax at this position (strings need quotes, tables are "
                             "written [name], arrays [\"a\", \"b\"])"));
        return std::nullopt;
    }
}

SourcePosition TomlReader::position(const toml::source_region &region) const
{
    return SourcePosition{m_file, int(region.begin.line), int(region.begin.column)};
}

void TomlReader::error(const toml::source_region &region, const QString &message,
                       const QString &hint)
{
    m_failed = true;
    const SourcePosition at = position(region);
    if (m_diagnostics)
        m_diagnostics->append(Diagnostic::error(at.file, at.line, at.column, message, hint));
}

void TomlReader::warning(const toml::source_region &region, const QString &message,
                         const QString &hint)
{
    const SourcePosition at = position(region);
    if (m_diagnostics)
        m_diagnostics->append(Diagnostic::warning(at.file, at.line, at.column, message, hint));
}

void TomlReader::warnUnknownKeys(const toml::table &table, const QStringList &known,
                                 const QString &context)
{
    for (const auto &[key, node] : table) {
        const QString name = QString::fromUtf8(key.str());
        if (known.contains(name))
            continue;
        const QString nearest = NearestName::find(name, known);
        const QString hint = nearest.isEmpty()
            ? QStringLiteral("known keys here: %1").arg(known.join(QLatin1String(", ")))
            : QStringLiteral("did you mean '%1'?").arg(nearest);
        warning(key.source(), QStringLiteral("unknown key '%1' in %2 (ignored)").arg(name, context),
                hint);
    }
}

QString TomlReader::typeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::string: return QStringLiteral("a string");
    case toml::node_type::integer: return QStringLiteral("an integer");
    case toml::node_type::floating_point: return QStringLiteral("a number");
    case toml::node_type::boolean: return QStringLiteral("a boolean");
    case toml::node_type::array: return QStringLiteral("an array");
    case toml::node_type::table: return QStringLiteral("a table");
    default: return QStringLiteral("a date/time");
    }
}

void TomlReader::wrongType(const toml::node &node, const QString &what, const QString &expected)
{
    error(node.source(), QStringLiteral("%1 must be %2, not %3").arg(what, expected, typeName(node)),
          QStringLiteral("write %1 as %2").arg(what, expected));
}

std::optional<QString> TomlReader::string(const toml::table &table, const char *key,
                                          const QString &what)
{
    const toml::node *node = table.get(key);
    if (!node)
        return std::nullopt;
    if (const auto *value = node->as_string())
        return QString::fromStdString(value->get());
    wrongType(*node, what, QStringLiteral("a string in quotes"));
    return std::nullopt;
}

std::optional<bool> TomlReader::boolean(const toml::table &table, const char *key,
                                        const QString &what)
{
    const toml::node *node = table.get(key);
    if (!node)
        return std::nullopt;
    if (const auto *value = node->as_boolean())
        return value->get();
    wrongType(*node, what, QStringLiteral("true or false"));
    return std::nullopt;
}

std::optional<qint64> TomlReader::integer(const toml::table &table, const char *key,
                                          const QString &what)
{
    const toml::node *node = table.get(key);
    if (!node)
        return std::nullopt;
    if (const auto *value = node->as_integer())
        return value->get();
    wrongType(*node, what, QStringLiteral("an integer"));
    return std::nullopt;
}

std::optional<QStringList> TomlReader::stringList(const toml::table &table, const char *key,
                                                  const QString &what,
                                                  QList<SourcePosition> *positions)
{
    const toml::node *node = table.get(key);
    if (!node)
        return std::nullopt;
    const auto *array = node->as_array();
    if (!array) {
        wrongType(*node, what, QStringLiteral("an array of strings like [\"a\", \"b\"]"));
        return std::nullopt;
    }
    QStringList list;
    for (const toml::node &element : *array) {
        const auto *value = element.as_string();
        if (!value) {
            wrongType(element, QStringLiteral("each entry of %1").arg(what),
                      QStringLiteral("a string in quotes"));
            return std::nullopt;
        }
        list.append(QString::fromStdString(value->get()));
        if (positions)
            positions->append(position(element));
    }
    return list;
}

const toml::table *TomlReader::table(const toml::table &parent, const char *key,
                                     const QString &what)
{
    const toml::node *node = parent.get(key);
    if (!node)
        return nullptr;
    if (const auto *value = node->as_table())
        return value;
    wrongType(*node, what, QStringLiteral("a table ([%1])").arg(what));
    return nullptr;
}

QVariant TomlReader::toVariant(const toml::node &node) const
{
    if (const auto *b = node.as_boolean())
        return QVariant(b->get());
    if (const auto *i = node.as_integer())
        return QVariant(qint64(i->get()));
    if (const auto *f = node.as_floating_point())
        return QVariant(f->get());
    if (const auto *s = node.as_string())
        return QVariant(QString::fromStdString(s->get()));
    return {};
}

} // namespace Keel
