// See CCPUFeatures.h. Intel SDM vol. 2A, CPUID leaf 07H sub-leaf 0: EBX bit 16 AVX512F, bit 17
// AVX512DQ, bit 30 AVX512BW, bit 31 AVX512VL; leaf 01H ECX bit 27 OSXSAVE; XGETBV(0) gives XCR0.
// x86-64-v3: leaf 01H ECX bit 12 FMA, 22 MOVBE, 23 POPCNT, 28 AVX, 29 F16C; leaf 07H EBX bit 3
// BMI1, 5 AVX2, 8 BMI2; leaf 80000001H ECX bit 5 LZCNT.
#include "CCPUFeatures.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <stdint.h>

static uint64_t read_xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

int nlpipe_cpu_has_avx512_skylakex(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 27))) return 0;                 // OSXSAVE: xgetbv is usable
    uint64_t xcr0 = read_xcr0();
    const uint64_t needed = (1u << 1) | (1u << 2) | (1u << 5) | (1u << 6) | (1u << 7);
    if ((xcr0 & needed) != needed) return 0;          // SSE, AVX, opmask, ZMM0-15 high, ZMM16-31
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    const unsigned int avx512 = (1u << 16) | (1u << 17) | (1u << 30) | (1u << 31);
    return (ebx & avx512) == avx512;
}

int nlpipe_cpu_has_x86_64_v3(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int leaf1 = (1u << 12) | (1u << 22) | (1u << 23) | (1u << 27) | (1u << 28) | (1u << 29);
    if ((ecx & leaf1) != leaf1) return 0;              // FMA, MOVBE, POPCNT, OSXSAVE, AVX, F16C
    if ((read_xcr0() & 6) != 6) return 0;             // the OS saves XMM and YMM state
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    const unsigned int leaf7 = (1u << 3) | (1u << 5) | (1u << 8);
    if ((ebx & leaf7) != leaf7) return 0;              // BMI1, AVX2, BMI2
    if (__get_cpuid_max(0x80000000u, 0) < 0x80000001u) return 0;
    __cpuid(0x80000001u, eax, ebx, ecx, edx);
    return (ecx & (1u << 5)) != 0;                     // LZCNT
}
#else
int nlpipe_cpu_has_avx512_skylakex(void) { return 0; }
int nlpipe_cpu_has_x86_64_v3(void) { return 0; }
#endif
