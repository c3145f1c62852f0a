#!/usr/bin/env bash
# OpenBLAS's own kernel choice against the AVX-512 (SkylakeX) kernels that the programs select
# through BLASKernelChoice: single-thread SGEMM GFLOP/s for the shapes of the PTB small model
# (the softmax product of a batch, 400 x 10000 x 200; one recurrent step, 20 x 800 x 200) and of
# the char model (50 x 512 x 128). Skips the SkylakeX row on CPUs without AVX-512.
source "$(dirname "$0")/lib.sh"
cc -O2 "$BENCH_ROOT/bench/sgemm.c" -o "$OUT/sgemm" -lopenblas
avx512=$(grep -c -m1 -E 'avx512f.*avx512dq|avx512dq.*avx512f' /proc/cpuinfo || true)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for shape in "400 10000 200 3" "20 800 200 200" "50 512 128 200"; do
  env -u OPENBLAS_CORETYPE "$OUT/sgemm" $shape
  [ "$avx512" = 1 ] && OPENBLAS_CORETYPE=SkylakeX "$OUT/sgemm" $shape
done
