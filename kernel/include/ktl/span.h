// A non-owning view of contiguous elements.
//
//     u8 bytes[16];
//     ktl::Span<u8> all(bytes);                 // from an array
//     ktl::Span<const u8> head = all.first(4);  // Span<T> converts to Span<const T>
//     for (u8 b : head.subspan(1, 2))
//         consume(b);
#pragma once

#include <ktl/utility.h>

namespace ktl {

template<typename T>
class Span {
public:
    constexpr Span() = default;
    constexpr Span(T* data, size_t size) : m_data(data), m_size(size) {}
    template<size_t N>
    constexpr Span(T (&array)[N]) : m_data(array), m_size(N) {}
    template<typename U>
        requires(IsSame<const U, T> && !IsSame<U, T>)
    constexpr Span(Span<U> other) : m_data(other.data()), m_size(other.size()) {}

    constexpr T* data() const { return m_data; }
    constexpr size_t size() const { return m_size; }
    constexpr size_t sizeInBytes() const { return m_size * sizeof(T); }
    constexpr bool isEmpty() const { return m_size == 0; }

    constexpr T& operator[](size_t index) const { return m_data[index]; }
    constexpr T* begin() const { return m_data; }
    constexpr T* end() const { return m_data + m_size; }

    // Out-of-range requests are clipped to the span rather than reading past it.
    constexpr Span subspan(size_t offset, size_t count = ~size_t(0)) const
    {
        if (offset > m_size)
            return {};
        return { m_data + offset, min(count, m_size - offset) };
    }
    constexpr Span first(size_t count) const { return subspan(0, count); }
    constexpr Span last(size_t count) const
    {
        return count >= m_size ? *this : subspan(m_size - count);
    }

private:
    T* m_data = nullptr;
    size_t m_size = 0;
};

} // namespace ktl
