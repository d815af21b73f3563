// A non-owning, not necessarily NUL-terminated string slice.
//
//     ktl::StringView arg = "console=ttyS0";
//     if (auto eq = arg.find('='))
//         ktl::StringView value = arg.substring(*eq + 1);   // "ttyS0"
//     if (arg.startsWith("console")) ...
//     ktl::Optional<u64> n = ktl::StringView("0x10").toUnsigned();   // 16
#pragma once

#include <ktl/optional.h>
#include <ktl/span.h>

namespace ktl {

class StringView {
public:
    static constexpr size_t kNotFound = ~size_t(0);

    constexpr StringView() = default;
    constexpr StringView(const char* text) : m_data(text), m_size(text ? __builtin_strlen(text) : 0) {}
    constexpr StringView(const char* text, size_t size) : m_data(text), m_size(size) {}
    constexpr StringView(Span<const char> chars) : m_data(chars.data()), m_size(chars.size()) {}

    constexpr const char* data() const { return m_data; }
    constexpr size_t size() const { return m_size; }
    constexpr size_t length() const { return m_size; }
    constexpr bool isEmpty() const { return m_size == 0; }
    constexpr char operator[](size_t index) const { return m_data[index]; }
    constexpr const char* begin() const { return m_data; }
    constexpr const char* end() const { return m_data + m_size; }

    constexpr StringView substring(size_t start, size_t count = kNotFound) const
    {
        if (start > m_size)
            return {};
        return { m_data + start, min(count, m_size - start) };
    }

    constexpr bool operator==(StringView other) const
    {
        if (m_size != other.m_size)
            return false;
        for (size_t i = 0; i < m_size; ++i) {
            if (m_data[i] != other.m_data[i])
                return false;
        }
        return true;
    }

    constexpr bool startsWith(StringView prefix) const
    {
        return prefix.m_size <= m_size && substring(0, prefix.m_size) == prefix;
    }
    constexpr bool endsWith(StringView suffix) const
    {
        return suffix.m_size <= m_size && substring(m_size - suffix.m_size) == suffix;
    }

    Optional<size_t> find(char c, size_t from = 0) const
    {
        for (size_t i = from; i < m_size; ++i) {
            if (m_data[i] == c)
                return i;
        }
        return {};
    }
    Optional<size_t> find(StringView needle) const
    {
        if (needle.m_size > m_size)
            return {};
        for (size_t i = 0; i + needle.m_size <= m_size; ++i) {
            if (substring(i, needle.m_size) == needle)
                return i;
        }
        return {};
    }
    bool contains(StringView needle) const { return find(needle).hasValue(); }

    // Decimal, or hex with a 0x prefix; nothing else allowed, overflow gives no value.
    Optional<u64> toUnsigned() const
    {
        bool hex = startsWith("0x") || startsWith("0X");
        StringView digits = hex ? substring(2) : *this;
        if (digits.isEmpty())
            return {};
        u64 base = hex ? 16 : 10;
        u64 result = 0;
        for (char c : digits) {
            u64 digit = digitValue(c);
            if (digit >= base || result > (~u64(0) - digit) / base)
                return {};
            result = result * base + digit;
        }
        return result;
    }

private:
    static constexpr u64 digitValue(char c)
    {
        if (c >= '0' && c <= '9')
            return u64(c - '0');
        if (c >= 'a' && c <= 'f')
            return u64(c - 'a' + 10);
        if (c >= 'A' && c <= 'F')
            return u64(c - 'A' + 10);
        return 99;
    }

    const char* m_data = nullptr;
    size_t m_size = 0;
};

} // namespace ktl
