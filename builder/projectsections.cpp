#include "projectsections.h"

#include "sizestring.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

namespace Keel::ProjectSections {

namespace {

// [A-Za-z0-9_-]+, spelled out: every `keel run` reads it, and a first regular expression costs
// a process ~0.1 ms (PCRE2's set-up and JIT).
bool isValidProjectName(const QString &name)
{
    const auto allowed = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
    };
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), allowed);
}

QList<FeatureRequest> readFeatureList(TomlReader &reader, const toml::table &kernel,
                                      const char *key)
{
    QList<SourcePosition> positions;
    const auto ids = reader.stringList(kernel, key, QStringLiteral("kernel.%1").arg(key),
                                       &positions);
    QList<FeatureRequest> requests;
    for (int i = 0; ids && i < ids->size(); ++i)
        requests.append(FeatureRequest{ids->at(i), positions.at(i)});
    return requests;
}

void readOptions(TomlReader &reader, const toml::table &kernel, Project &project)
{
    const toml::table *options = reader.table(kernel, "options", QStringLiteral("kernel.options"));
    if (!options)
        return;
    for (const auto &[moduleKey, moduleNode] : *options) {
        const QString module = QString::fromUtf8(moduleKey.str());
        const auto *moduleTable = moduleNode.as_table();
        if (!moduleTable) {
            reader.error(moduleNode.source(),
                         QStringLiteral("kernel.options.%1 must name an option of module '%1'")
                             .arg(module),
                         QStringLiteral("write options per module, e.g. %1.size = \"1M\"")
                             .arg(module));
            continue;
        }
        for (const auto &[nameKey, valueNode] : *moduleTable) {
            const QString name = QString::fromUtf8(nameKey.str());
            const QVariant value = reader.toVariant(valueNode);
            if (!value.isValid()) {
                reader.error(valueNode.source(),
                             QStringLiteral("option %1.%2 must be a string, number or boolean, "
                                            "not %3").arg(module, name,
                                                          TomlReader::typeName(valueNode)),
                             QStringLiteral("write it like %1.%2 = \"value\"").arg(module, name));
                continue;
            }
            project.options.append(
                OptionSetting{module, name, value, reader.position(valueNode)});
        }
    }
}

template<typename Enum>
std::optional<Enum> readEnum(TomlReader &reader, const toml::table &run, const char *key,
                             const QList<QPair<QString, Enum>> &values)
{
    const auto text = reader.string(run, key, QStringLiteral("run.%1").arg(key));
    if (!text)
        return std::nullopt;
    QStringList names;
    for (const auto &[name, value] : values) {
        if (name == *text)
            return value;
        names << name;
    }
    reader.error(run.get(key)->source(),
                 QStringLiteral("run.%1 = \"%2\" is not valid").arg(key, *text),
                 QStringLiteral("use one of: %1").arg(names.join(QLatin1String(", "))));
    return std::nullopt;
}

void readPublish(TomlReader &reader, const toml::table &run, Project &project)
{
    const auto entries = reader.stringList(run, "publish", QStringLiteral("run.publish"));
    static const QRegularExpression pattern(QStringLiteral("^(?:(tcp|udp):)?(\\d{1,5}):(\\d{1,5})$"));
    for (int i = 0; entries && i < entries->size(); ++i) {
        const auto match = pattern.match(entries->at(i));
        const uint host = match.captured(2).toUInt();
        const uint guest = match.captured(3).toUInt();
        if (!match.hasMatch() || host == 0 || host > 65535 || guest == 0 || guest > 65535) {
            reader.error((*run.get("publish")->as_array())[size_t(i)].source(),
                         QStringLiteral("run.publish entry \"%1\" is not HOST:GUEST")
                             .arg(entries->at(i)),
                         QStringLiteral("write ports 1-65535 like \"8080:80\" (or \"udp:7777:7\")"));
            continue;
        }
        const auto protocol = match.captured(1) == QLatin1String("udp") ? PortForward::Protocol::Udp
                                                                         : PortForward::Protocol::Tcp;
        project.run.publish.append(PortForward{protocol, quint16(host), quint16(guest)});
    }
}

// Disk images for virtio-blk, relative to the project; `keel run` creates missing ones with
// disk-size bytes (zeros), so a fresh checkout of a project runs without a setup step.
void readDisks(TomlReader &reader, const toml::table &run, Project &project)
{
    const auto entries = reader.stringList(run, "disks", QStringLiteral("run.disks"));
    for (int i = 0; entries && i < entries->size(); ++i) {
        const QString file = entries->at(i).trimmed();
        if (file.isEmpty()) {
            reader.error((*run.get("disks")->as_array())[size_t(i)].source(),
                         QStringLiteral("run.disks entry %1 is empty").arg(i + 1),
                         QStringLiteral("write an image file name such as \"disk.img\""));
            continue;
        }
        project.run.disks.append(QDir(project.rootDir).absoluteFilePath(file));
    }
    const auto size = reader.string(run, "disk-size", QStringLiteral("run.disk-size"));
    if (!size)
        return;
    QString why;
    const auto bytes = SizeString::parse(*size, &why);
    if (!bytes || *bytes < 512 || *bytes % 512 != 0)
        reader.error(run.get("disk-size")->source(),
                     bytes ? QStringLiteral("run.disk-size = \"%1\" is not a whole number of 512-byte sectors").arg(*size)
                           : QStringLiteral("run.disk-size: %1").arg(why),
                     QStringLiteral("write a size such as \"1M\""));
    else
        project.run.diskBytes = *bytes;
}

} // namespace

void readProject(TomlReader &reader, const toml::table &root, Project &project)
{
    const toml::table *table = reader.table(root, "project", QStringLiteral("project"));
    if (!table) {
        if (!root.get("project"))
            reader.error(root.source(), QStringLiteral("keel.toml has no [project] table"),
                         QStringLiteral("add:\n  [project]\n  name = \"myapp\""));
        return;
    }
    reader.warnUnknownKeys(*table, {QStringLiteral("name"), QStringLiteral("version"),
                                    QStringLiteral("sources"), QStringLiteral("assets")},
                           QStringLiteral("[project]"));
    const auto name = reader.string(*table, "name", QStringLiteral("project.name"));
    if (!table->get("name")) {
        reader.error(table->source(), QStringLiteral("[project] has no name"),
                     QStringLiteral("add name = \"myapp\" (letters, digits, '-' and '_')"));
    } else if (name && !isValidProjectName(*name)) {
        reader.error(table->get("name")->source(),
                     QStringLiteral("project name \"%1\" is not valid").arg(*name),
                     QStringLiteral("use only letters, digits, '-' and '_'"));
    } else if (name) {
        project.name = *name;
    }
    project.version = reader.string(*table, "version", QStringLiteral("project.version"))
                          .value_or(QStringLiteral("0.1.0"));
    project.sourceGlobs = reader.stringList(*table, "sources", QStringLiteral("project.sources"),
                                            &project.sourceGlobPositions)
                              .value_or(QStringList{QStringLiteral("src/**/*.cpp")});
    project.assetGlobs = reader.stringList(*table, "assets", QStringLiteral("project.assets"),
                                           &project.assetGlobPositions)
                             .value_or(QStringList{});
}

void readKernel(TomlReader &reader, const toml::table &root, Project &project)
{
    const toml::table *kernel = reader.table(root, "kernel", QStringLiteral("kernel"));
    if (!kernel)
        return;
    reader.warnUnknownKeys(*kernel, {QStringLiteral("features"), QStringLiteral("disable"),
                                     QStringLiteral("options")},
                           QStringLiteral("[kernel]"));
    project.features = readFeatureList(reader, *kernel, "features");
    project.disabled = readFeatureList(reader, *kernel, "disable");
    readOptions(reader, *kernel, project);
}

void readRun(TomlReader &reader, const toml::table &root, Project &project)
{
    const toml::table *run = reader.table(root, "run", QStringLiteral("run"));
    if (!run)
        return;
    reader.warnUnknownKeys(*run, {QStringLiteral("machine"), QStringLiteral("memory"),
                                  QStringLiteral("cpus"), QStringLiteral("accel"),
                                  QStringLiteral("cmdline"), QStringLiteral("publish"),
                                  QStringLiteral("disks"), QStringLiteral("disk-size")},
                           QStringLiteral("[run]"));
    RunSettings &settings = project.run;
    settings.machine = readEnum<Machine>(reader, *run, "machine",
                                         {{QStringLiteral("pc"), Machine::Pc},
                                          {QStringLiteral("q35"), Machine::Q35},
                                          {QStringLiteral("microvm"), Machine::Microvm}})
                           .value_or(settings.machine);
    settings.accel = readEnum<Accel>(reader, *run, "accel",
                                     {{QStringLiteral("auto"), Accel::Auto},
                                      {QStringLiteral("kvm"), Accel::Kvm},
                                      {QStringLiteral("tcg"), Accel::Tcg}})
                         .value_or(settings.accel);
    if (const auto memory = reader.string(*run, "memory", QStringLiteral("run.memory"))) {
        QString why;
        const auto bytes = SizeString::parse(*memory, &why);
        if (!bytes || *bytes < (1u << 20))
            reader.error(run->get("memory")->source(),
                         bytes ? QStringLiteral("run.memory = \"%1\" is less than 1M").arg(*memory)
                               : QStringLiteral("run.memory: %1").arg(why),
                         QStringLiteral("write a size such as \"16M\""));
        else
            settings.memoryBytes = *bytes, settings.memoryText = memory->trimmed();
    }
    if (const auto cpus = reader.integer(*run, "cpus", QStringLiteral("run.cpus"))) {
        if (*cpus < 1 || *cpus > 255)
            reader.error(run->get("cpus")->source(),
                         QStringLiteral("run.cpus = %1 is out of range").arg(*cpus),
                         QStringLiteral("use a number from 1 to 255"));
        else
            settings.cpus = int(*cpus);
    }
    settings.cmdline = reader.string(*run, "cmdline", QStringLiteral("run.cmdline"))
                           .value_or(QString());
    readPublish(reader, *run, project);
    readDisks(reader, *run, project);
}

} // namespace Keel::ProjectSections
