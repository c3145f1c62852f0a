// CBLAS: Debian's OpenBLAS C interface (libopenblas-dev). Only the Kernels module imports this.
// <cblas.h> is the Debian alternatives link to OpenBLAS's header, which also declares
// openblas_set_num_threads.
#include <cblas.h>
