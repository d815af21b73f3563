// Fixed-width integer names used across the kernel and ktl.
//
//     #include <ktl/types.h>
//     u64 base = 0x100000;
//     usize count = 4;
#pragma once

#include <stddef.h>
#include <stdint.h>

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using i8 = int8_t;
using i16 = int16_t;
using i32 = int32_t;
using i64 = int64_t;
using usize = size_t;
using uptr = uintptr_t;
