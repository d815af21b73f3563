// "Did you mean …?" suggestions for unknown keys and feature ids.
#pragma once

#include <QString>
#include <QStringList>

namespace Keel::NearestName {

int editDistance(const QString &a, const QString &b);

// The closest candidate within a small edit distance, or an empty string.
QString find(const QString &word, const QStringList &candidates);

// " (did you mean 'x'?)" or empty.
QString suggestion(const QString &word, const QStringList &candidates);

} // namespace Keel::NearestName
