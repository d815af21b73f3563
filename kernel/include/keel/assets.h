// Files from the project's assets (keel.toml: [project] assets = ["assets/*"]), linked read-only
// into the image, for apps built with the `assets` feature.
//
//     for (const keel::assets::Asset& asset : keel::assets::list())
//         keel::println("{} ({} bytes)", asset.name(), asset.size());
//     if (auto motd = keel::assets::open("motd.txt"); !motd.isError())
//         keel::print("{}", motd.value().text());
//
// Names are paths below the project's assets/ folder ("www/index.html"); open() ignores one
// leading '/', so a URL path can be passed as it is. Data stays in the image's read-only segment:
// nothing is copied, and the Spans and StringViews stay valid for the whole run.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_ASSETS
#error "keel/assets.h needs the assets feature: add \"assets\" to [kernel] features in keel.toml"
#endif

#include <assets/asset.h>

#include <ktl/error.h>

namespace keel::assets {

// Every asset, sorted by name.
ktl::Span<const Asset> list();

// The asset called `name`, or NotFound.
ktl::ErrorOr<Asset> open(ktl::StringView name);

} // namespace keel::assets
