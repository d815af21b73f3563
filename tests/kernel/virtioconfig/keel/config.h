// Stand-in for the generated keel/config.h, for the host tests of the virtio module only
// (tst_virtiodevice): the features its sources test for.
#pragma once

#define KEEL_FEATURE_VIRTIO 1
#define KEEL_OPTION_VIRTIO_MAX_DEVICES 8
