// MiRecord: one line of GDB/MI output, as MiParser produces it.
//   12^done,stack=[…]        Result, token 12, className "done", results {stack=[…]}
//   *stopped,reason="…"      ExecAsync        +download,…  StatusAsync   =thread-created,… NotifyAsync
//   ~"text"  @"text"  &"text" ConsoleStream / TargetStream / LogStream, text unescaped
//   (gdb)                    Prompt
#pragma once

#include "mivalue.h"

namespace Keel {

struct MiRecord {
    enum class Type { Result, ExecAsync, StatusAsync, NotifyAsync, ConsoleStream, TargetStream, LogStream, Prompt };

    static constexpr qint64 kNoToken = -1;

    Type type = Type::Prompt;
    qint64 token = kNoToken;
    QString className; // done, running, connected, error, exit; stopped, running; thread-created, …
    MiValue results{MiValue::Kind::Tuple};
    QString text; // stream records only

    bool isStream() const { return type == Type::ConsoleStream || type == Type::TargetStream || type == Type::LogStream; }
    bool isAsync() const { return type == Type::ExecAsync || type == Type::StatusAsync || type == Type::NotifyAsync; }
};

} // namespace Keel
