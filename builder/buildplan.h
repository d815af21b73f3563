// Everything needed to write build.ninja for one project and profile. Produced by
// Builder::prepare(); consumed by NinjaWriter and BuildRunner.
#pragma once

#include "imageflags.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Keel {

struct Project;

enum class Iso { No, Yes };

struct CompileUnit {
    QString source;  // absolute
    QString object;  // relative to buildDir: obj/<module>/<path>.o or obj/app/<path>.o
    QString module;  // module id, or "app"
    QStringList implicitInputs = {}; // absolute; a change rebuilds the object (e.g. .incbin files)
    QStringList extraFlags;     // after the image flags, e.g. an [external] table's cflags
};

struct BuildPlan {
    QString projectName;
    Profile profile = Profile::Debug;
    QString keelRoot;
    QString projectDir;
    QString buildDir;        // <project>/build/<profile>
    QString genDir;          // <buildDir>/gen
    QList<CompileUnit> units;
    QStringList compileFlags;  // C++ and assembly
    QStringList cCompileFlags; // C sources (.c), e.g. from an [external] tree
    QStringList linkFlags;
    QString linkerScript;
    QString compilerLauncher; // "ccache" when found on PATH, else empty
    Iso iso = Iso::No;
    QString kernelCmdline;    // baked into grub.cfg for the ISO
    // What the build read besides ninja's inputs, for FreshnessStamp: keel.toml and every
    // discovered module.toml; the folders source globs walk (project, kernel, [external] roots).
    QStringList configurationFiles;
    QStringList sourceFolders;

    QString imagePath() const;      // <buildDir>/<name>.elf (stripped in release)
    QString unstrippedPath() const; // debug: imagePath(); release: <name>.full.elf
    QString mapPath() const;        // <buildDir>/<name>.map
    QString isoPath() const;        // <buildDir>/<name>.iso
    QString ninjaPath() const;      // <buildDir>/build.ninja

    // Only the naming (name, profile, buildDir): where a build of the project puts its image,
    // known from keel.toml alone, before the modules are read and the build is prepared.
    static BuildPlan locationOf(const Project &project, Profile profile);
};

} // namespace Keel
