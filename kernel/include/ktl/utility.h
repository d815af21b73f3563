// The small slice of <utility>/<type_traits> the kernel needs.
//
//     auto moved = ktl::move(buffer);
//     ktl::swap(a, b);
//     size_t n = ktl::min(requested, available);
//     static_assert(ktl::IsIntegral<int>);
#pragma once

#include <ktl/types.h>

namespace ktl {

template<typename T> struct RemoveReferenceT { using Type = T; };
template<typename T> struct RemoveReferenceT<T&> { using Type = T; };
template<typename T> struct RemoveReferenceT<T&&> { using Type = T; };
template<typename T> using RemoveReference = typename RemoveReferenceT<T>::Type;

template<typename T> struct RemoveCvT { using Type = T; };
template<typename T> struct RemoveCvT<const T> { using Type = T; };
template<typename T> struct RemoveCvT<volatile T> { using Type = T; };
template<typename T> struct RemoveCvT<const volatile T> { using Type = T; };
template<typename T> using RemoveCv = typename RemoveCvT<T>::Type;
template<typename T> using RemoveCvRef = RemoveCv<RemoveReference<T>>;

template<typename A, typename B> inline constexpr bool IsSame = false;
template<typename A> inline constexpr bool IsSame<A, A> = true;

template<typename T> inline constexpr bool IsLvalueReference = false;
template<typename T> inline constexpr bool IsLvalueReference<T&> = true;

template<typename T> inline constexpr bool IsPointer = false;
template<typename T> inline constexpr bool IsPointer<T*> = true;

// Integers in the std::format sense: char and bool are not integers here.
template<typename T> inline constexpr bool IsIntegral =
    IsSame<T, signed char> || IsSame<T, unsigned char> || IsSame<T, short>
    || IsSame<T, unsigned short> || IsSame<T, int> || IsSame<T, unsigned int>
    || IsSame<T, long> || IsSame<T, unsigned long> || IsSame<T, long long>
    || IsSame<T, unsigned long long>;

template<typename T> inline constexpr bool IsSigned = T(-1) < T(0);

template<typename T> inline constexpr bool IsTriviallyCopyable = __is_trivially_copyable(T);
template<typename T> inline constexpr bool IsTriviallyDestructible = __has_trivial_destructor(T);

template<typename T>
constexpr RemoveReference<T>&& move(T&& value) noexcept
{
    return static_cast<RemoveReference<T>&&>(value);
}

template<typename T>
constexpr T&& forward(RemoveReference<T>& value) noexcept
{
    return static_cast<T&&>(value);
}

template<typename T>
constexpr T&& forward(RemoveReference<T>&& value) noexcept
{
    static_assert(!IsLvalueReference<T>, "cannot forward an rvalue as an lvalue");
    return static_cast<T&&>(value);
}

template<typename T>
constexpr void swap(T& a, T& b) noexcept
{
    T tmp = move(a);
    a = move(b);
    b = move(tmp);
}

template<typename T, typename U = T>
constexpr T exchange(T& slot, U&& newValue)
{
    T old = move(slot);
    slot = forward<U>(newValue);
    return old;
}

template<typename T>
constexpr const T& min(const T& a, const T& b) { return b < a ? b : a; }

template<typename T>
constexpr const T& max(const T& a, const T& b) { return a < b ? b : a; }

template<typename T>
constexpr T clamp(const T& value, const T& low, const T& high)
{
    return value < low ? low : (high < value ? high : value);
}

// Power-of-two helpers used by allocators.
constexpr bool isPowerOfTwo(u64 value) { return value != 0 && (value & (value - 1)) == 0; }
constexpr u64 alignDown(u64 value, u64 alignment) { return value & ~(alignment - 1); }
constexpr u64 alignUp(u64 value, u64 alignment) { return (value + alignment - 1) & ~(alignment - 1); }

} // namespace ktl
