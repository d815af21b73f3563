// Converts and checks option values against a manifest's typed option, for both the manifest's
// own default and a project's [kernel.options] entry, so the two follow the same rules.
#pragma once

#include "modulemanifest.h"

#include <QVariant>
#include <optional>

namespace Keel::OptionValue {

// raw is what TOML gave (bool, qint64, double, QString). Returns the canonical value
// (bool, qint64 or QString) or nullopt with a user-facing reason in *error.
std::optional<QVariant> convert(const ModuleOption &option, const QVariant &raw, QString *error);

// The C token for config.h: 0/1, a decimal number, or a quoted, escaped string.
QString toMacroValue(OptionType type, const QVariant &value);

// A human-readable description of the accepted values, e.g. "an integer from 1 to 115200".
QString describeAccepted(const ModuleOption &option);

} // namespace Keel::OptionValue
