# Shared helpers for the side-by-side benchmarks. Source it from a bench script.
#   time_median RUNS CMD...   runs CMD (a shell string) RUNS times, prints the median wall seconds
#   peak_rss_mb CMD...        runs CMD once under /usr/bin/time, prints the peak resident set in MB
#   ratio A B                 prints A/B with two decimals
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${NLPIPE_DATA:-$BENCH_ROOT/../shared/data}
OUT=${BENCH_OUT:-$BENCH_ROOT/bench/out}
mkdir -p "$OUT"
BIN=$(cd "$BENCH_ROOT" && swift build -c release --show-bin-path)

time_median() {
  local runs=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    bash -c "$*" >/dev/null
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.4f\n", m }'
}

peak_rss_mb() {
  /usr/bin/time -f '%M' bash -c "$* >/dev/null" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f\n", $1 / 1024 }'
}

ratio() { echo "$1 $2" | awk '{ if ($2 == 0) print "inf"; else printf "%.2f\n", $1 / $2 }'; }
