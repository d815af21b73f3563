// Helpers shared by the builder tests: temporary projects and in-memory module registries.
#pragma once

#include "diagnostic.h"
#include "manifestregistry.h"

#include <QString>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace KeelTest {

// Writes files (relative path → content) into a fresh temporary folder.
class TempProject
{
public:
    TempProject();
    QString path() const { return m_dir.path(); }
    QString file(const QString &relative) const { return m_dir.filePath(relative); }
    void write(const QString &relative, const QByteArray &content) const;

private:
    QTemporaryDir m_dir;
};

// A registry built from manifest TOML texts; fails the test on a malformed manifest.
Keel::ManifestRegistry registryFrom(const QList<QByteArray> &manifests);

// All diagnostics rendered, one per line, for assertion messages and substring checks.
QString renderAll(const Keel::Diagnostics &diagnostics);

} // namespace KeelTest
