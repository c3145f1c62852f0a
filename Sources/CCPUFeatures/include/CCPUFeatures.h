// CCPUFeatures: what the processor and the operating system support, asked with `cpuid` and
// `xgetbv` (Swift cannot issue these instructions). Used by the command-line layer to choose
// OpenBLAS's kernels before the library does any work, and to choose the compiled copies of
// KernelsAVX2 and KernelsAVX512.
#ifndef NLPIPE_CCPUFEATURES_H
#define NLPIPE_CCPUFEATURES_H

/// 1 when the CPU has AVX-512 Foundation, Byte/Word, Doubleword/Quadword and Vector Length
/// extensions (the set OpenBLAS's SkylakeX kernels use) and the operating system saves the
/// AVX-512 register state (XCR0 bits 1, 2, 5, 6, 7); 0 otherwise, and always 0 off x86-64.
int nlpipe_cpu_has_avx512_skylakex(void);

/// 1 when the CPU has the x86-64-v3 set that code compiled with `-target-cpu haswell` may use
/// (AVX, AVX2, FMA, F16C, BMI1, BMI2, LZCNT, MOVBE, POPCNT) and the operating system saves the
/// AVX register state (XCR0 bits 1, 2); 0 otherwise, and always 0 off x86-64.
int nlpipe_cpu_has_x86_64_v3(void);

#endif
