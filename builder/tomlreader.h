// Internal helpers over toml++ that keep source positions: every value read from a TOML file
// can report errors as file:line:column with a hint. Shared by ProjectLoader and
// ModuleManifest so both files report problems the same way.
#pragma once

#include "diagnostic.h"
#include "project.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>
#include <toml++/toml.h>

namespace Keel {

class TomlReader
{
public:
    TomlReader(const QString &file, Diagnostics *diagnostics);

    // Parses text; a syntax error becomes a diagnostic at its line and column.
    std::optional<toml::table> parse(const QString &text);

    SourcePosition position(const toml::source_region &region) const;
    SourcePosition position(const toml::node &node) const { return position(node.source()); }
    void error(const toml::source_region &region, const QString &message,
               const QString &hint = {});
    void warning(const toml::source_region &region, const QString &message,
                 const QString &hint = {});

    // Warns about every key of table not in known, suggesting the nearest known key.
    void warnUnknownKeys(const toml::table &table, const QStringList &known,
                         const QString &context);

    // Each returns nullopt when the key is absent (no diagnostic) or has the wrong type
    // (an error is recorded; check failed()).
    std::optional<QString> string(const toml::table &table, const char *key, const QString &what);
    std::optional<bool> boolean(const toml::table &table, const char *key, const QString &what);
    std::optional<qint64> integer(const toml::table &table, const char *key, const QString &what);
    std::optional<QStringList> stringList(const toml::table &table, const char *key,
                                          const QString &what,
                                          QList<SourcePosition> *positions = nullptr);
    // A table under key; wrong type → error.
    const toml::table *table(const toml::table &parent, const char *key, const QString &what);

    QVariant toVariant(const toml::node &node) const; // bool, qint64, double or QString
    static QString typeName(const toml::node &node);

    bool failed() const { return m_failed; }
    const QString &file() const { return m_file; }

private:
    void wrongType(const toml::node &node, const QString &what, const QString &expected);

    QString m_file;
    Diagnostics *m_diagnostics;
    bool m_failed = false;
};

} // namespace Keel
