// Parses the size strings used in keel.toml and manifests.
//
//   QString error;
//   auto bytes = Keel::SizeString::parse(u"16M", &error); // 16777216
#pragma once

#include <QString>
#include <optional>

namespace Keel::SizeString {

// Accepts "4096", "64K", "16M", "1G" and "64KiB", "16MiB", "1GiB" (binary units, case-insensitive
// suffix). Returns nullopt and a user-facing message in *error for anything else.
std::optional<quint64> parse(QStringView text, QString *error);

// 16777216 → "16M"; falls back to plain bytes when not a whole unit.
QString format(quint64 bytes);

} // namespace Keel::SizeString
