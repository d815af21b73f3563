#include "builder.h"

#include "assettablewriter.h"
#include "configheaderwriter.h"
#include "filewriter.h"
#include "ninjawriter.h"
#include "projectloader.h"

#include <QDir>
#include <QStandardPaths>

namespace Keel {

namespace {

// obj/<module>/<path relative to the module folder>.o, with ".." spelled "__" so sources
// shared through ../ (e.g. ../lib/string.cpp) stay unique and inside obj/.
QString objectPath(const QString &module, const QString &baseDir, const QString &source)
{
    QString relative = QDir(baseDir).relativeFilePath(source);
    relative.replace(QLatin1String("../"), QLatin1String("__/"));
    return QStringLiteral("obj/%1/%2.o").arg(module, relative);
}

// An [external] tree's sources go to obj/<module>/ext/<path under its root>.o with the table's
// cflags; its include folders are searched by every translation unit as system headers (so
// their warnings stay quiet under -Wall -Wextra).
void addExternalUnits(const QString &module, const ExternalSources &external, BuildPlan *plan,
                      QStringList *includeFlags)
{
    for (const QString &source : external.sources) {
        const QString object = QStringLiteral("obj/%1/ext/%2.o")
                                   .arg(module, QDir(external.rootDir).relativeFilePath(source));
        plan->units << CompileUnit{source, object, module, {}, external.cflags};
    }
    for (const QString &dir : external.includeDirs())
        *includeFlags << QStringLiteral("-isystem") << dir;
}

QByteArray grubConfig(const BuildPlan &plan)
{
    return QStringLiteral("set timeout=0\nset default=0\nmenuentry \"%1\" {\n"
                          "    multiboot2 /boot/%1.elf %2\n    boot\n}\n")
        .arg(plan.projectName, plan.kernelCmdline)
        .toUtf8();
}

bool writeGenerated(const QString &path, const QByteArray &content, Diagnostics *diagnostics)
{
    QString error;
    if (FileWriter::writeIfChanged(path, content, &error) != FileWriter::Outcome::Failed)
        return true;
    if (diagnostics)
        diagnostics->append(Diagnostic::error(path, 0, 0, error));
    return false;
}

} // namespace

std::optional<Configuration> Builder::configure(const QString &projectPath,
                                                Diagnostics *diagnostics)
{
    QString error;
    const auto tree = KeelTree::locate(&error);
    if (!tree) {
        if (diagnostics)
            diagnostics->append(Diagnostic::error(QString(), 0, 0, error));
        return std::nullopt;
    }
    auto project = ProjectLoader::load(projectPath, diagnostics);
    if (!project)
        return std::nullopt;
    Configuration config;
    config.tree = *tree;
    config.project = *project;
    config.registry = std::make_unique<ManifestRegistry>();
    if (!config.registry->discover(tree->kernelDir(), diagnostics))
        return std::nullopt;
    config.resolver = std::make_unique<FeatureResolver>(*config.registry);
    config.resolved = config.resolver->resolve(config.project, diagnostics);
    return config;
}

std::optional<BuildPlan> Builder::prepare(const QString &projectPath, const BuildOptions &options,
                                          Diagnostics *diagnostics)
{
    const auto config = configure(projectPath, diagnostics);
    if (!config)
        return std::nullopt;
    return prepare(*config, options, diagnostics);
}

std::optional<BuildPlan> Builder::prepare(const Configuration &config, const BuildOptions &options,
                                          Diagnostics *diagnostics)
{
    if (!config.resolved)
        return std::nullopt;
    const Project &project = config.project;
    BuildPlan plan;
    plan.projectName = project.name;
    plan.profile = options.profile;
    plan.iso = options.iso;
    plan.keelRoot = config.tree.root();
    plan.projectDir = project.rootDir;
    plan.buildDir = project.buildDir(profileName(options.profile));
    plan.genDir = plan.buildDir + QStringLiteral("/gen");
    plan.linkerScript = config.tree.linkerScript();
    plan.kernelCmdline = project.run.cmdline;
    if (!QStandardPaths::findExecutable(QStringLiteral("ccache")).isEmpty())
        plan.compilerLauncher = QStringLiteral("ccache");
    plan.configurationFiles = QStringList{project.tomlPath} + config.registry->manifestPaths();
    plan.sourceFolders = {project.rootDir, config.tree.kernelDir()};

    QStringList defines;
    QStringList includeFlags;
    Diagnostics missing;
    for (const QString &id : config.resolver->enabled()) {
        const ModuleManifest *module = config.registry->find(id);
        missing << module->sourceProblems();
        defines << module->defines;
        for (const QString &source : module->sources)
            plan.units << CompileUnit{source, objectPath(id, module->directory, source), id, {}, {}};
        for (const QString &dir : module->includeDirs)
            includeFlags << QStringLiteral("-I") + dir;
        if (module->external) {
            addExternalUnits(id, *module->external, &plan, &includeFlags);
            plan.sourceFolders << module->external->rootDir; // empty when missing: an error below
        }
    }
    for (const QString &source : project.sources)
        plan.units << CompileUnit{source, objectPath(QStringLiteral("app"), project.rootDir, source),
                                  QStringLiteral("app"), {}, {}};
    const QString assetTable = plan.genDir + QStringLiteral("/keel_assets.S");
    if (config.resolver->enabled().contains(QStringLiteral("assets")))
        plan.units << CompileUnit{assetTable, QStringLiteral("obj/assets/keel_assets.o"),
                                  QStringLiteral("assets"), project.assets, {}};
    if (!missing.isEmpty()) {
        if (diagnostics)
            diagnostics->append(missing);
        return std::nullopt;
    }
    defines.removeDuplicates();
    includeFlags.removeDuplicates();
    plan.compileFlags = ImageFlags::compileFlags(plan.profile, plan.keelRoot, plan.genDir, defines)
                        + includeFlags;
    plan.cCompileFlags = ImageFlags::cFlags(plan.compileFlags);
    plan.linkFlags = ImageFlags::linkFlags(plan.profile, plan.keelRoot);

    // Each generated file keeps its timestamp when unchanged, so a rebuild stays a no-op.
    bool ok = writeGenerated(plan.genDir + QStringLiteral("/keel/config.h"),
                             ConfigHeaderWriter::content(project, *config.resolver), diagnostics);
    if (config.resolver->enabled().contains(QStringLiteral("assets")))
        ok = ok && writeGenerated(assetTable,
                                  AssetTableWriter::assembly(project.assets, project.rootDir),
                                  diagnostics);
    ok = ok && writeGenerated(plan.genDir + QStringLiteral("/symtab.awk"),
                              NinjaWriter::symbolTableScript(), diagnostics);
    if (plan.iso == Iso::Yes)
        ok = ok && writeGenerated(plan.genDir + QStringLiteral("/grub.cfg"), grubConfig(plan),
                                  diagnostics);
    ok = ok && writeGenerated(plan.ninjaPath(), NinjaWriter::generate(plan), diagnostics);
    if (!ok)
        return std::nullopt;
    return plan;
}

BuildResult Builder::build(const QString &projectPath, const BuildOptions &options,
                           const std::function<void(BuildRunner &)> &connect)
{
    Diagnostics diagnostics;
    const auto plan = prepare(projectPath, options, &diagnostics);
    if (!plan) {
        BuildResult result;
        result.status = BuildStatus::ConfigError;
        result.diagnostics = diagnostics;
        return result;
    }
    BuildRunner runner(*plan);
    if (connect)
        connect(runner);
    BuildResult result = runner.run();
    result.diagnostics = diagnostics + result.diagnostics;
    return result;
}

} // namespace Keel
