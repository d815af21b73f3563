/* lwIP's compiler/platform glue for the Keel kernel (see lwip/arch.h): x86_64 is little
 * endian, the freestanding compiler supplies stdint/stddef/limits, and lwIP's own character
 * class macros replace <ctype.h>. Diagnostics and assertions go to the kernel. */
#ifndef KEEL_LWIP_ARCH_CC_H
#define KEEL_LWIP_ARCH_CC_H

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_NO_CTYPE_H 1
#define LWIP_NO_INTTYPES_H 1
#define X8_F "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "lu"

#ifdef __cplusplus
extern "C" {
#endif
void keel_lwip_assert(const char* message, const char* file, int line) __attribute__((noreturn));
#ifdef __cplusplus
}
#endif

#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) keel_lwip_assert((x), __FILE__, __LINE__)

#endif
