// Errors as values: ktl::Error, ErrorOr<T>, TRY and MUST.
//
//     ktl::ErrorOr<u64> readCount(StringView text)
//     {
//         if (text.isEmpty())
//             return ktl::Error(ktl::ErrorCode::InvalidArgument, "count is empty");
//         return 42;
//     }
//     ktl::ErrorOr<void> setUp()
//     {
//         u64 count = TRY(readCount("7"));     // returns the Error to our caller on failure
//         return {};                            // success
//     }
//     u64 sure = MUST(readCount("7"));          // failure is a bug: calls ktl::onFatal()
//
// Messages are static strings (string literals); an Error never owns memory.
#pragma once

#include <ktl/new.h>
#include <ktl/utility.h>

namespace ktl {

enum class ErrorCode : u16 {
    InvalidArgument,
    OutOfMemory,
    OutOfRange,
    BadMagic,
    Truncated,
    Malformed,
    Unsupported,
    TooMany,
    TooLong,
    Overlap,
    NotFound,
    AlreadyExists,
    Busy,
    TimedOut,
    Io,
};

// A short lower-case name for the code, e.g. "out of memory".
const char* errorCodeName(ErrorCode code);

class Error {
public:
    constexpr Error(ErrorCode code, const char* message) : m_code(code), m_message(message) {}

    constexpr ErrorCode code() const { return m_code; }
    constexpr const char* message() const { return m_message; }

private:
    ErrorCode m_code;
    const char* m_message; // static storage, never freed
};

// The kernel defines this (print and halt); host tests define it to record and throw.
// It must not return.
[[noreturn]] void onFatal(const char* message);

// Formats "MUST failed at file:line: <message>" and calls onFatal().
[[noreturn]] void mustFailed(const Error& error, const char* file, int line);

template<typename T>
class [[nodiscard]] ErrorOr {
public:
    ErrorOr(const T& value) : m_hasValue(true) { new (&m_value) T(value); }
    ErrorOr(T&& value) : m_hasValue(true) { new (&m_value) T(move(value)); }
    template<typename U>
        requires(!IsSame<RemoveCvRef<U>, T> && !IsSame<RemoveCvRef<U>, Error>
                 && !IsSame<RemoveCvRef<U>, ErrorOr<T>> && requires(U&& u) { T(forward<U>(u)); })
    ErrorOr(U&& value) : m_hasValue(true)
    {
        new (&m_value) T(forward<U>(value));
    }
    ErrorOr(const Error& error) : m_hasValue(false) { new (&m_error) Error(error); }

    ErrorOr(ErrorOr&& other) : m_hasValue(other.m_hasValue)
    {
        if (m_hasValue)
            new (&m_value) T(move(other.m_value));
        else
            new (&m_error) Error(other.m_error);
    }
    ErrorOr(const ErrorOr& other) : m_hasValue(other.m_hasValue)
    {
        if (m_hasValue)
            new (&m_value) T(other.m_value);
        else
            new (&m_error) Error(other.m_error);
    }
    ErrorOr& operator=(ErrorOr&& other)
    {
        if (this != &other) {
            destroy();
            new (this) ErrorOr(move(other));
        }
        return *this;
    }
    ErrorOr& operator=(const ErrorOr& other)
    {
        if (this != &other) {
            destroy();
            new (this) ErrorOr(other);
        }
        return *this;
    }
    ~ErrorOr() { destroy(); }

    bool isError() const { return !m_hasValue; }
    const Error& error() const { return m_error; }
    Error releaseError() const { return m_error; }

    T& value() { return m_value; }
    const T& value() const { return m_value; }
    T releaseValue() { return move(m_value); }

private:
    void destroy()
    {
        if (m_hasValue)
            m_value.~T();
    }

    union {
        T m_value;
        Error m_error;
    };
    bool m_hasValue;
};

template<>
class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() = default;
    ErrorOr(const Error& error) : m_error(error), m_hasError(true) {}

    bool isError() const { return m_hasError; }
    const Error& error() const { return m_error; }
    Error releaseError() const { return m_error; }
    void releaseValue() const {}

private:
    Error m_error { ErrorCode::InvalidArgument, "" };
    bool m_hasError = false;
};

} // namespace ktl

// Evaluates an ErrorOr expression; on error returns that Error from the enclosing function,
// otherwise yields the value. Uses a GCC statement expression.
#define TRY(expression)                                                                            \
    ({                                                                                             \
        auto&& _keelTryResult = (expression);                                                      \
        if (_keelTryResult.isError()) [[unlikely]]                                                 \
            return _keelTryResult.releaseError();                                                  \
        _keelTryResult.releaseValue();                                                             \
    })

// Like TRY, but an error is a bug: it reaches ktl::onFatal() with the location and message.
#define MUST(expression)                                                                           \
    ({                                                                                             \
        auto&& _keelMustResult = (expression);                                                     \
        if (_keelMustResult.isError()) [[unlikely]]                                                \
            ::ktl::mustFailed(_keelMustResult.error(), __FILE__, __LINE__);                        \
        _keelMustResult.releaseValue();                                                            \
    })
