// keel.toml's [run] table (builder's RunSettings) ↔ the emulator's RunProfile and the text the
// run configuration dialog shows. No widgets, no QEMU syntax.
//
//   Keel::RunProfile profile = Keel::Studio::runProfileFrom(project.run);
#pragma once

#include "project.h"
#include "emulator/runprofile.h"

namespace Keel::Studio {

RunProfile runProfileFrom(const RunSettings& settings);
// "8080:80, 2222:22" ↔ port forwards; fromText returns nullopt and fills error on bad input.
QString portForwardsText(const QList<PortForward>& forwards);
std::optional<QList<PortForward>> portForwardsFromText(const QString& text, QString* error);

} // namespace Keel::Studio
