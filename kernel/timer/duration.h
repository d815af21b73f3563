// Spans of time and points on the monotonic clock, in nanoseconds. Part of keel/time.h.
//
//     using namespace keel::literals;
//     keel::Duration d = 250_ms + keel::Duration::microseconds(40);
//     keel::Instant start = keel::now();
//     keel::println("{} us", (keel::now() - start).toMicroseconds());
#pragma once

#include <ktl/types.h>

namespace keel {

class Duration {
public:
    constexpr Duration() = default;
    static constexpr Duration nanoseconds(i64 n) { return Duration(n); }
    static constexpr Duration microseconds(i64 n) { return Duration(n * 1000); }
    static constexpr Duration milliseconds(i64 n) { return Duration(n * 1000000); }
    static constexpr Duration seconds(i64 n) { return Duration(n * 1000000000); }

    constexpr i64 toNanoseconds() const { return m_ns; }
    constexpr i64 toMicroseconds() const { return m_ns / 1000; }
    constexpr i64 toMilliseconds() const { return m_ns / 1000000; }
    constexpr i64 toSeconds() const { return m_ns / 1000000000; }

    constexpr Duration operator+(Duration other) const { return Duration(m_ns + other.m_ns); }
    constexpr Duration operator-(Duration other) const { return Duration(m_ns - other.m_ns); }
    constexpr Duration operator*(i64 factor) const { return Duration(m_ns * factor); }
    constexpr Duration operator/(i64 divisor) const { return Duration(m_ns / divisor); }
    constexpr bool operator==(Duration other) const { return m_ns == other.m_ns; }
    constexpr bool operator!=(Duration other) const { return m_ns != other.m_ns; }
    constexpr bool operator<(Duration other) const { return m_ns < other.m_ns; }
    constexpr bool operator<=(Duration other) const { return m_ns <= other.m_ns; }
    constexpr bool operator>(Duration other) const { return m_ns > other.m_ns; }
    constexpr bool operator>=(Duration other) const { return m_ns >= other.m_ns; }

private:
    explicit constexpr Duration(i64 ns) : m_ns(ns) { }
    i64 m_ns = 0;
};

// A point on the monotonic clock, which starts near zero at boot and never goes back.
class Instant {
public:
    constexpr Instant() = default;
    static constexpr Instant fromNanoseconds(u64 ns) { return Instant(ns); }
    constexpr u64 nanosecondsSinceBoot() const { return m_ns; }

    constexpr Duration operator-(Instant earlier) const { return Duration::nanoseconds(i64(m_ns - earlier.m_ns)); }
    constexpr Instant operator+(Duration d) const { return Instant(m_ns + u64(d.toNanoseconds())); }
    constexpr bool operator==(Instant other) const { return m_ns == other.m_ns; }
    constexpr bool operator!=(Instant other) const { return m_ns != other.m_ns; }
    constexpr bool operator<(Instant other) const { return m_ns < other.m_ns; }
    constexpr bool operator<=(Instant other) const { return m_ns <= other.m_ns; }
    constexpr bool operator>(Instant other) const { return m_ns > other.m_ns; }
    constexpr bool operator>=(Instant other) const { return m_ns >= other.m_ns; }

private:
    explicit constexpr Instant(u64 ns) : m_ns(ns) { }
    u64 m_ns = 0;
};

namespace literals {
constexpr Duration operator""_ns(unsigned long long n) { return Duration::nanoseconds(i64(n)); }
constexpr Duration operator""_us(unsigned long long n) { return Duration::microseconds(i64(n)); }
constexpr Duration operator""_ms(unsigned long long n) { return Duration::milliseconds(i64(n)); }
constexpr Duration operator""_s(unsigned long long n) { return Duration::seconds(i64(n)); }
} // namespace literals

} // namespace keel
