// Error names and the MUST() failure path shared by every ktl user.
#include <ktl/error.h>
#include <ktl/format.h>

namespace ktl {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::OutOfMemory: return "out of memory";
    case ErrorCode::OutOfRange: return "out of range";
    case ErrorCode::BadMagic: return "bad magic";
    case ErrorCode::Truncated: return "truncated";
    case ErrorCode::Malformed: return "malformed";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::TooMany: return "too many";
    case ErrorCode::TooLong: return "too long";
    case ErrorCode::Overlap: return "overlap";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::AlreadyExists: return "already exists";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::TimedOut: return "timed out";
    case ErrorCode::Io: return "i/o error";
    }
    return "unknown error";
}

void Formatter<Error>::format(OutputSink& sink, const Error& error)
{
    ktl::format(sink, "{} ({})", error.message(), errorCodeName(error.code()));
}

void mustFailed(const Error& error, const char* file, int line)
{
    // Static: this runs when things are already wrong, possibly with no heap and little stack.
    static char message[256];
    formatToBuffer(message, "MUST failed at {}:{}: {}", file, line, error);
    onFatal(message);
}

} // namespace ktl
