// Generates <build>/gen/keel/config.h from the resolved features and options.
//
//   QByteArray text = Keel::ConfigHeaderWriter::content(project, resolver);
//   Keel::FileWriter::writeIfChanged(genDir + "/keel/config.h", text, &error);
#pragma once

#include "featureresolver.h"
#include "project.h"

#include <QByteArray>

namespace Keel::ConfigHeaderWriter {

// KEEL_PROJECT_NAME, KEEL_PROJECT_VERSION, KEEL_FEATURE_<ID> 1 per enabled module,
// KEEL_OPTION_<ID>_<NAME> per option (bools 0/1, sizes in bytes, strings and choices quoted).
QByteArray content(const Project &project, const FeatureResolver &resolver);

// "virtio-net" → "VIRTIO_NET"
QString macroName(const QString &id);

} // namespace Keel::ConfigHeaderWriter
