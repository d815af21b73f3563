// The history database's schema as an ordered list of migrations. Version N is reached by
// applying migrations 1..N in order; PRAGMA user_version records the version a file is at.
// Never edit a released migration: append a new one.
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace Keel::Studio::HistorySchema {

// migrations()[i] takes a database from version i to version i + 1.
const QList<QStringList>& migrations();
int latestVersion();

int version(QSqlDatabase& db);

// Applies the missing migrations inside one transaction each; false (and *error) on failure,
// leaving the database at the last version that applied completely.
bool migrate(QSqlDatabase& db, int targetVersion, QString* error);

} // namespace Keel::Studio::HistorySchema
