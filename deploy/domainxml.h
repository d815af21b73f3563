// DomainXml: libvirt domain XML for direct kernel boot of a Keel image, and Keel's <metadata>
// element. Pure functions of their input; no libvirt calls.
//
//   Keel::DomainSpec spec;
//   spec.name = u"web-1"_s; spec.kernelPath = volumePath; spec.serialLogPath = logPath;
//   QString xml = Keel::DomainXml::build(spec);   // for virDomainDefineXML
#pragma once

#include "deployrequest.h"

#include <optional>

namespace Keel::DomainXml {

constexpr const char *kKeelNamespace = "https://keel.dev/xmlns/keel/1";
constexpr const char *kKeelPrefix = "keel";

QString build(const DomainSpec &spec);

// libvirt has no microvm machine type; Keel images boot the same on pc, so microvm maps to pc.
QString libvirtMachine(QemuMachine machine);
// A note for the user when the machine had to be mapped, else empty.
QString machineNote(QemuMachine machine);

// <app><project>…</project>…</app> without a namespace: virDomainSetMetadata rejects a
// namespaced element and puts its key/uri on this one itself.
QString metadataElement(const KeelMetadata &metadata);
// Parses what virDomainGetMetadata returns (or a whole domain XML); nullopt if no keel:app.
std::optional<KeelMetadata> parseMetadata(const QString &xml);
// The path of the first <serial type='file'> source in a domain XML, else empty.
QString serialLogPath(const QString &domainXml);

} // namespace Keel::DomainXml
