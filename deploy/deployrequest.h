// The plain data the deployer works with: what Keel writes into a domain's <metadata>, how one
// domain boots, and what a `keel deploy` asks for.
#pragma once

#include "emulator/runprofile.h"

#include <QList>
#include <QString>

namespace Keel {

// Stored in each domain's <metadata><keel:app xmlns:keel="https://keel.dev/xmlns/keel/1">; a
// domain without it is not Keel's and Keel never touches it.
struct KeelMetadata {
    QString project;
    QString version;
    QString imageHash;   // sha256 of the image, hex
    QString deployment;  // the --name; replicas are <deployment>-<replica>
    int replica = 0;     // 1-based
    QString pool;        // storage pool and volume holding this domain's image
    QString volume;
    qint64 startedAtMs = 0; // ms since the epoch; only in the live definition

    bool operator==(const KeelMetadata &) const = default;
};

struct DomainSpec {
    QString name;
    QString domainType = QStringLiteral("qemu"); // "qemu" (TCG), "kvm", or "test"
    QemuMachine machine = QemuMachine::Pc;
    qint64 memoryBytes = RunProfile::kDefaultMemory;
    int cpus = 1;
    QString kernelPath;
    QString firmwarePath; // <loader> (QEMU -bios); empty: the machine's default, SeaBIOS
    QString cmdline;
    QString serialLogPath; // empty: no serial device
    QList<HostForward> portForwards;
    KeelMetadata metadata;
};

enum class ImageUpload {
    Required,
    // libvirt's test driver keeps no bytes and cannot upload; unit tests on test:///default use
    // this to exercise everything else. Never used by the CLI.
    SkipWhenUnsupported,
};

struct DeployRequest {
    QString name;
    int replicas = 1;
    QString imagePath;
    QString project;
    QString version;
    QemuMachine machine = QemuMachine::Pc;
    qint64 memoryBytes = RunProfile::kDefaultMemory;
    int cpus = 1;
    QString cmdline;
    QString domainType; // empty: "test" on the test driver, else "qemu"
    QList<HostForward> portForwards; // replica i gets host port + (i - 1)
    QString pool;       // storage pool for the image; empty: "keel"
    ImageUpload upload = ImageUpload::Required;
};

// One Keel domain as `keel ps` shows it.
struct PicoVm {
    QString name;
    QString state;       // running, shut off, paused, crashed, ...
    qint64 uptimeMs = -1; // -1 when not running
    qint64 memoryBytes = 0;
    KeelMetadata metadata;
    QString host;
};

} // namespace Keel
