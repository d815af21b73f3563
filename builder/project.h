// The parsed contents of a project's keel.toml, with every value's source position so later
// stages (resolver, option checks) can point back at the line that caused a problem.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Keel {

enum class Machine { Pc, Q35, Microvm };
enum class Accel { Auto, Kvm, Tcg };

QString machineName(Machine machine); // "pc", "q35", "microvm"
QString accelName(Accel accel);       // "auto", "kvm", "tcg"

struct SourcePosition {
    QString file;
    int line = 0;
    int column = 0;
};

// A feature id as written in [kernel] features or disable.
struct FeatureRequest {
    QString id;
    SourcePosition where;
};

// One `[kernel.options]` entry such as `heap.size = "1M"`. The value keeps the TOML type
// (bool, qint64, double or QString); the resolver checks it against the manifest.
struct OptionSetting {
    QString module;
    QString name;
    QVariant value;
    SourcePosition where;
};

struct PortForward {
    enum class Protocol { Tcp, Udp };
    Protocol protocol = Protocol::Tcp;
    quint16 host = 0;
    quint16 guest = 0;
};

struct RunSettings {
    Machine machine = Machine::Microvm;
    quint64 memoryBytes = 16ull * 1024 * 1024;
    QString memoryText = QStringLiteral("16M"); // as written, e.g. for QEMU's -m
    int cpus = 1;
    Accel accel = Accel::Auto;
    QString cmdline;
    QList<PortForward> publish;
    QStringList disks;                        // absolute paths of virtio-blk images ([run] disks)
    quint64 diskBytes = 1024 * 1024;          // size `keel run` gives a missing image
};

struct Project {
    QString rootDir;   // folder holding keel.toml (absolute)
    QString tomlPath;  // absolute path of keel.toml
    QString name;
    QString version;
    QStringList sourceGlobs;
    QStringList assetGlobs;
    QList<SourcePosition> sourceGlobPositions; // where each glob is written (empty: default)
    QList<SourcePosition> assetGlobPositions;
    QStringList sources; // absolute paths, sorted, resolved from sourceGlobs
    QStringList assets;  // absolute paths, sorted, resolved from assetGlobs
    QList<FeatureRequest> features;
    QList<FeatureRequest> disabled;
    QList<OptionSetting> options;
    RunSettings run;

    QString buildDir(const QString &profile) const; // <rootDir>/build/<profile>
};

} // namespace Keel
