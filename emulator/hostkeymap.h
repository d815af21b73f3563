// HostKeyMap: a key the user pressed in the IDE (Qt::Key code) → the X keysym and XT scancode
// (set 1, "E0 xx" as 0x80|xx) QEMU's extended key event needs. Keys are physical: Shift+1 is the
// "1" key with Shift held (the guest sees both), so printable keys map to their unshifted key.
// Qt Core only (Qt::Key lives in qnamespace.h).
//
//   if (auto key = Keel::HostKeyMap::keyFor(event->key())) client->sendKey(*key, RfbKeyState::Down);
#pragma once

#include "rfbkeymap.h"

#include <optional>

namespace Keel::HostKeyMap {

std::optional<RfbKey> keyFor(int qtKey);

} // namespace Keel::HostKeyMap
