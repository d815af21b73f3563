// A value that may be absent.
//
//     ktl::Optional<size_t> index = text.find('=');
//     if (index)
//         use(*index);
//     size_t n = index.valueOr(0);
//     index.clear();
#pragma once

#include <ktl/new.h>
#include <ktl/utility.h>

namespace ktl {

template<typename T>
class Optional {
public:
    Optional() {}
    Optional(const T& value) : m_hasValue(true) { new (&m_value) T(value); }
    Optional(T&& value) : m_hasValue(true) { new (&m_value) T(move(value)); }
    Optional(const Optional& other)
    {
        if (other.m_hasValue)
            emplace(other.m_value);
    }
    Optional(Optional&& other)
    {
        if (other.m_hasValue)
            emplace(move(other.m_value));
    }
    Optional& operator=(const Optional& other)
    {
        if (this != &other) {
            clear();
            if (other.m_hasValue)
                emplace(other.m_value);
        }
        return *this;
    }
    Optional& operator=(Optional&& other)
    {
        if (this != &other) {
            clear();
            if (other.m_hasValue)
                emplace(move(other.m_value));
        }
        return *this;
    }
    ~Optional() { clear(); }

    template<typename... Args>
    T& emplace(Args&&... args)
    {
        clear();
        new (&m_value) T(forward<Args>(args)...);
        m_hasValue = true;
        return m_value;
    }

    void clear()
    {
        if (m_hasValue) {
            m_value.~T();
            m_hasValue = false;
        }
    }

    bool hasValue() const { return m_hasValue; }
    explicit operator bool() const { return m_hasValue; }

    T& value() { return m_value; }
    const T& value() const { return m_value; }
    T& operator*() { return m_value; }
    const T& operator*() const { return m_value; }
    T* operator->() { return &m_value; }
    const T* operator->() const { return &m_value; }

    T valueOr(const T& fallback) const { return m_hasValue ? m_value : fallback; }

    // Moves the value out and leaves the Optional empty.
    T release()
    {
        T out = move(m_value);
        clear();
        return out;
    }

    bool operator==(const Optional& other) const
    {
        if (m_hasValue != other.m_hasValue)
            return false;
        return !m_hasValue || m_value == other.m_value;
    }

private:
    union {
        T m_value;
        char m_empty;
    };
    bool m_hasValue = false;
};

} // namespace ktl
