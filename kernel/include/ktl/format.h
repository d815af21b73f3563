// Type-safe formatting in the std::format style, without a heap.
//
//     struct Serial final : ktl::OutputSink { void write(ktl::StringView s) override; };
//     ktl::format(serial, "page {:#x} of {} ({:.1}%)\n", addr, count, percent);
//     char line[64];
//     size_t full = ktl::formatToBuffer(line, "{:>8}|{:<4}|{:08x}", "ab", 7, 255u);
//
// Replacement fields: {} or {[index]:[[fill]align][#][0][width][.precision][type]}, e.g. {1:x}
//   align  < left, > right, ^ centre     #  0x / 0b prefix      0  zero-pad after sign/prefix
//   type   d x X b o (integers, char, bool)  c (integer as char)  p (pointer)  s  f (double)
//   .N     digits after the point for doubles, at most 17 (default: up to 6, trailing zeros
//          trimmed; values from 1e19 use d.ddde+NN);
//          maximum characters for strings
// {{ and }} print braces. Mistakes never crash: a field with no argument prints "{?}", a spec
// that cannot be parsed or does not fit the argument prints "{!}", extra arguments are ignored.
// Enums print as their number. Your own types: specialise ktl::Formatter<T> with
// `static void format(OutputSink&, const T&)` (the field's spec does not apply to them).
#pragma once

#include <ktl/error.h>
#include <ktl/span.h>
#include <ktl/stringview.h>

namespace ktl {

class OutputSink {
public:
    virtual void write(StringView text) = 0;

protected:
    ~OutputSink() = default;
};

template<typename T>
struct Formatter;

struct FormatArgument {
    enum class Kind : u8 { Signed, Unsigned, Bool, Char, String, Pointer, Double, Custom };
    using CustomFunction = void (*)(OutputSink&, const void*);

    Kind kind;
    union {
        i64 signedValue;
        u64 unsignedValue;
        bool boolValue;
        char charValue;
        struct {
            const char* data;
            size_t size;
        } string;
        const void* pointer;
        double doubleValue;
        struct {
            const void* object;
            CustomFunction function;
        } custom;
    };
};

// The non-template engine (kernel/lib/format.cpp).
void vformat(OutputSink& sink, StringView format, Span<const FormatArgument> arguments);

namespace detail {

template<typename T>
FormatArgument makeArgument(const T& value)
{
    using Kind = FormatArgument::Kind;
    FormatArgument argument;
    if constexpr (IsSame<T, bool>) {
        argument.kind = Kind::Bool;
        argument.boolValue = value;
    } else if constexpr (IsSame<T, char>) {
        argument.kind = Kind::Char;
        argument.charValue = value;
    } else if constexpr (IsIntegral<T>) {
        if constexpr (IsSigned<T>) {
            argument.kind = Kind::Signed;
            argument.signedValue = value;
        } else {
            argument.kind = Kind::Unsigned;
            argument.unsignedValue = value;
        }
    } else if constexpr (IsSame<T, double> || IsSame<T, float>) {
        argument.kind = Kind::Double;
        argument.doubleValue = value;
    } else if constexpr (IsSame<T, StringView>) {
        argument.kind = Kind::String;
        argument.string = { value.data(), value.size() };
    } else if constexpr (IsSame<T, const char*> || IsSame<T, char*>) {
        argument.kind = Kind::String;
        argument.string = { value, value ? __builtin_strlen(value) : 0 };
    } else if constexpr (IsSame<T, decltype(nullptr)>) {
        argument.kind = Kind::Pointer;
        argument.pointer = nullptr;
    } else if constexpr (IsPointer<T>) {
        argument.kind = Kind::Pointer;
        argument.pointer = reinterpret_cast<const void*>(value);
    } else if constexpr (requires { &Formatter<T>::format; }) {
        argument.kind = Kind::Custom;
        argument.custom.object = &value;
        argument.custom.function = [](OutputSink& sink, const void* object) {
            Formatter<T>::format(sink, *static_cast<const T*>(object));
        };
    } else if constexpr (__is_enum(T)) {
        return makeArgument(static_cast<__underlying_type(T)>(value)); // enums print as numbers
    } else {
        static_assert(IsSame<T, void>, "ktl::format cannot print this type: specialise ktl::Formatter<T>");
    }
    return argument;
}

// Arrays (string literals, char buffers) decay to pointers before reaching makeArgument.
template<typename T>
const T& decay(const T& value) { return value; }
template<size_t N>
const char* decay(const char (&value)[N]) { return value; }
template<size_t N>
const char* decay(char (&value)[N]) { return value; }

} // namespace detail

template<typename... Args>
void format(OutputSink& sink, StringView fmt, const Args&... args)
{
    if constexpr (sizeof...(Args) == 0) {
        vformat(sink, fmt, {});
    } else {
        const FormatArgument arguments[] = { detail::makeArgument(detail::decay(args))... };
        vformat(sink, fmt, Span<const FormatArgument>(arguments));
    }
}

// Formats into `buffer`, truncating if needed and always NUL-terminating a non-empty buffer.
// Returns the length the full output would have (like snprintf), excluding the NUL.
size_t vformatToBuffer(Span<char> buffer, StringView fmt, Span<const FormatArgument> arguments);

template<typename... Args>
size_t formatToBuffer(Span<char> buffer, StringView fmt, const Args&... args)
{
    if constexpr (sizeof...(Args) == 0) {
        return vformatToBuffer(buffer, fmt, {});
    } else {
        const FormatArgument arguments[] = { detail::makeArgument(detail::decay(args))... };
        return vformatToBuffer(buffer, fmt, Span<const FormatArgument>(arguments));
    }
}

template<>
struct Formatter<Error> {
    static void format(OutputSink& sink, const Error& error);
};

} // namespace ktl
