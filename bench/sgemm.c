// Single-thread SGEMM rate of Debian's OpenBLAS for one shape, best of 5: bench/blas-kernels.sh runs it
// with the library's own kernel choice and with OPENBLAS_CORETYPE=SkylakeX (what BLASKernelChoice picks).
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int m=atoi(argv[1]),n=atoi(argv[2]),k=atoi(argv[3]),reps=atoi(argv[4]);
  openblas_set_num_threads(1);
  float*a=malloc(sizeof(float)*m*k),*b=malloc(sizeof(float)*k*n),*c=malloc(sizeof(float)*m*n);
  for(long i=0;i<(long)m*k;i++)a[i]=(i%7)*0.1f; for(long i=0;i<(long)k*n;i++)b[i]=(i%5)*0.1f;
  cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,m,n,k,1,a,k,b,k,0,c,n);
  double best=1e9;
  for(int r=0;r<5;r++){double t0=now();for(int i=0;i<reps;i++)cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,m,n,k,1,a,k,b,k,0,c,n);double t=now()-t0;if(t<best)best=t;}
  printf("m=%d n=%d k=%d: %.1f GFLOP/s (%s)\n",m,n,k,2.0*m*n*k*reps/best/1e9,openblas_get_corename());
}
