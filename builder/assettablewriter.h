// The `assets` module's table: an assembly file that links every project asset into the image
// read-only with .incbin, plus the table kernel/assets/assets.cpp walks (keelAssetCount, then
// keelAssetEntries of {name, data, size} matching keel::assets::Asset).
//
//     QByteArray text = AssetTableWriter::assembly(project.assets, project.rootDir);
//     // written to gen/keel_assets.S; build.ninja lists the asset files as implicit inputs of
//     // its object, so changing an asset reassembles it and relinks the image.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Keel::AssetTableWriter {

// The name an app opens an asset by: its path below <rootDir>/assets/ ("motd.txt",
// "www/index.html"), or below rootDir for assets elsewhere.
QString assetName(const QString &path, const QString &rootDir);

QByteArray assembly(const QStringList &assets, const QString &rootDir);

} // namespace Keel::AssetTableWriter
