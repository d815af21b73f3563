// A fixed-capacity FIFO without heap use, safe for one producer and one consumer that may
// interrupt each other (an interrupt handler pushing, the kernel popping).
//
//     ktl::RingBuffer<char, 256> input;
//     input.tryPush('a');                    // false when full: the byte is dropped
//     if (auto c = input.pop()) handle(*c);
#pragma once

#include <ktl/optional.h>

namespace ktl {

template<typename T, size_t Capacity>
class RingBuffer {
    static_assert(Capacity > 0, "a ring buffer needs room for one element");

public:
    bool tryPush(const T& value)
    {
        size_t tail = __atomic_load_n(&m_tail, __ATOMIC_RELAXED);
        size_t head = __atomic_load_n(&m_head, __ATOMIC_ACQUIRE);
        if (tail - head == Capacity)
            return false;
        m_slots[tail % Capacity] = value;
        // Publish the slot before the consumer can see the new tail.
        __atomic_store_n(&m_tail, tail + 1, __ATOMIC_RELEASE);
        return true;
    }

    Optional<T> pop()
    {
        size_t head = __atomic_load_n(&m_head, __ATOMIC_RELAXED);
        size_t tail = __atomic_load_n(&m_tail, __ATOMIC_ACQUIRE);
        if (head == tail)
            return {};
        T value = m_slots[head % Capacity];
        __atomic_store_n(&m_head, head + 1, __ATOMIC_RELEASE);
        return value;
    }

    Optional<T> peek() const
    {
        size_t head = __atomic_load_n(&m_head, __ATOMIC_RELAXED);
        if (head == __atomic_load_n(&m_tail, __ATOMIC_ACQUIRE))
            return {};
        return m_slots[head % Capacity];
    }

    size_t size() const
    {
        return __atomic_load_n(&m_tail, __ATOMIC_ACQUIRE) - __atomic_load_n(&m_head, __ATOMIC_ACQUIRE);
    }
    bool isEmpty() const { return size() == 0; }
    bool isFull() const { return size() == Capacity; }
    static constexpr size_t capacity() { return Capacity; }

    // Only the consumer may call this.
    void clear() { __atomic_store_n(&m_head, __atomic_load_n(&m_tail, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE); }

private:
    // Free-running 64-bit counters (they never wrap in practice); tail - head is the fill level.
    size_t m_head = 0;
    size_t m_tail = 0;
    T m_slots[Capacity] {};
};

} // namespace ktl
