// A module's [external] table: sources compiled from a tree kept outside the repository
// (e.g. lwIP, fetched at set-up time by scripts/fetch-lwip.sh). Schema: docs/manifest.md.
//
//   [external]
//   root = "lwip"                      # $KEEL_LWIP_DIR, else ~/.cache/keel/lwip
//   fetch = "scripts/fetch-lwip.sh"    # named in the error when the root is missing
//   sources = ["src/core/*.c"]         # globs relative to the root
//   includes = ["src/include"]         # -isystem for every translation unit of the image
//   cflags = ["-w"]                    # extra flags for these sources only
#pragma once

#include "diagnostic.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <toml++/toml.h>

namespace Keel {

class TomlReader;

struct ExternalSources {
    QString root;            // the name, e.g. "lwip"
    QString fetchScript;     // how to get it, relative to the Keel tree
    QStringList sourceGlobs; // relative to rootDir
    QStringList includes;    // relative to rootDir
    QStringList cflags;
    int line = 0;            // of [external] in module.toml
    QString rootDir;         // resolved absolute folder; empty when it does not exist
    QStringList sources;     // absolute, resolved by resolve()
    QStringList missingSourceGlobs;

    // $KEEL_<ROOT>_DIR ('-' → '_', upper case), else ~/.cache/keel/<root>.
    QString expectedRootDir() const;
    QStringList includeDirs() const; // absolute
    void resolve();
    Diagnostics problems(const QString &manifestPath, const QString &moduleId) const;

    static std::optional<ExternalSources> read(TomlReader &reader, const toml::table &table);
};

} // namespace Keel
