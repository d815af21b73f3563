// A growable array on the kernel heap.
//
//     ktl::Vector<int> v;
//     v.append(1);                           // MUSTs: running out of memory is fatal
//     TRY(v.tryAppend(2));                   // reports OutOfMemory instead
//     v.insert(0, 7);  v.erase(1);  int last = v.takeLast();
//     for (int x : v) use(x);
//     ktl::Span<const int> view = v.span();
//
// Storage comes from `operator new(size, ktl::kNoThrow)` (see new.h) and goes back through
// `::operator delete`. Copying a Vector copies its elements and MUSTs.
#pragma once

#include <ktl/error.h>
#include <ktl/span.h>

namespace ktl {

template<typename T>
class Vector {
public:
    Vector() = default;
    Vector(Vector&& other)
        : m_data(exchange(other.m_data, nullptr))
        , m_size(exchange(other.m_size, size_t(0)))
        , m_capacity(exchange(other.m_capacity, size_t(0)))
    {
    }
    Vector(const Vector& other)
    {
        reserve(other.m_size);
        for (const T& item : other)
            new (&m_data[m_size++]) T(item);
    }
    Vector& operator=(Vector&& other)
    {
        if (this != &other) {
            Vector moved(move(other));
            swapWith(moved);
        }
        return *this;
    }
    Vector& operator=(const Vector& other)
    {
        if (this != &other) {
            Vector copy(other);
            swapWith(copy);
        }
        return *this;
    }
    ~Vector()
    {
        clear();
        ::operator delete(m_data);
    }

    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    T* data() { return m_data; }
    const T* data() const { return m_data; }
    T& operator[](size_t index) { return m_data[index]; }
    const T& operator[](size_t index) const { return m_data[index]; }
    T& first() { return m_data[0]; }
    T& last() { return m_data[m_size - 1]; }
    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }
    Span<T> span() { return { m_data, m_size }; }
    Span<const T> span() const { return { m_data, m_size }; }

    ErrorOr<void> tryReserve(size_t wanted)
    {
        if (wanted <= m_capacity)
            return {};
        if (wanted > ~size_t(0) / sizeof(T))
            return Error(ErrorCode::OutOfMemory, "vector size overflows");
        T* fresh = static_cast<T*>(::operator new(wanted * sizeof(T), kNoThrow));
        if (!fresh)
            return Error(ErrorCode::OutOfMemory, "vector cannot grow");
        for (size_t i = 0; i < m_size; ++i) {
            new (&fresh[i]) T(move(m_data[i]));
            m_data[i].~T();
        }
        ::operator delete(m_data);
        m_data = fresh;
        m_capacity = wanted;
        return {};
    }
    void reserve(size_t wanted) { MUST(tryReserve(wanted)); }

    ErrorOr<void> tryAppend(T value) { return tryInsert(m_size, move(value)); }
    void append(T value) { MUST(tryAppend(move(value))); }

    // Inserts before `index` (index == size() appends); an index past the end is an error.
    ErrorOr<void> tryInsert(size_t index, T value)
    {
        if (index > m_size)
            return Error(ErrorCode::OutOfRange, "vector insert index past the end");
        TRY(grow());
        new (&m_data[m_size]) T(move(value));
        for (size_t i = m_size; i > index; --i)
            swap(m_data[i], m_data[i - 1]);
        ++m_size;
        return {};
    }
    void insert(size_t index, T value) { MUST(tryInsert(index, move(value))); }

    // Removes `count` elements starting at `index`; out-of-range parts are ignored.
    void erase(size_t index, size_t count = 1)
    {
        if (index >= m_size)
            return;
        count = min(count, m_size - index);
        for (size_t i = index; i + count < m_size; ++i)
            m_data[i] = move(m_data[i + count]);
        for (size_t i = m_size - count; i < m_size; ++i)
            m_data[i].~T();
        m_size -= count;
    }

    T takeLast()
    {
        T out = move(m_data[m_size - 1]);
        m_data[--m_size].~T();
        return out;
    }
    void removeLast() { m_data[--m_size].~T(); }

    ErrorOr<void> tryResize(size_t size)
    {
        TRY(tryReserve(size));
        while (m_size < size)
            new (&m_data[m_size++]) T();
        while (m_size > size)
            removeLast();
        return {};
    }
    void resize(size_t size) { MUST(tryResize(size)); }

    void clear()
    {
        while (m_size > 0)
            removeLast();
    }

private:
    ErrorOr<void> grow()
    {
        if (m_size < m_capacity)
            return {};
        return tryReserve(m_capacity < 4 ? 4 : m_capacity * 2);
    }
    void swapWith(Vector& other)
    {
        swap(m_data, other.m_data);
        swap(m_size, other.m_size);
        swap(m_capacity, other.m_capacity);
    }

    T* m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

} // namespace ktl
