#!/usr/bin/env bash
# Wall-clock benchmark: ./fanout replay against the plain-Python baseline (rowspec.py replay) on the same
# generated LMDP workload (gen_lmdp.py), on this machine, in the same run; then checks Fanout's output with
# rowspec.py check. Prints a Markdown table for docs/performance.md (§1 there says how it measures).
# rowspec.py and gen_lmdp.py are Python reference tools kept outside this repository, in the tools/ folder
# of the project's specification material: --shared names the folder that holds tools/ (default: ../shared
# next to this repository). Fanout itself never uses them.
#
#   benchmarks/replay-vs-baseline.sh [--bundles 2000] [--runs 3] [--shared ../shared]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared="$root/../shared"
bundles=2000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --bundles) bundles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -f "$shared/tools/rowspec.py" ] || { echo "no rowspec.py under $shared/tools (use --shared DIR)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time') for peak RSS" >&2; exit 1; }

work="$root/bench-work"
mkdir -p "$work"
input="$work/lmdp-$bundles.jsonl"
if [ ! -f "$input" ]; then
  python3 "$shared/tools/gen_lmdp.py" --bundles "$bundles" --seed 1 --out "$input"
fi
mb=$(awk -v b="$(stat -c %s "$input")" 'BEGIN{printf "%.1f", b/1e6}')

"$root/fanout" --version >/dev/null   # builds the CLI jar if needed, creates the CDS archive

# Every run writes into a fresh folder: deleting ~1,300 folders and files just before a run makes ext4's
# inode allocator crawl (recently_deleted() in the kernel), which would measure the disk, not the tools.
# So old outputs are removed first, and the file system gets time to forget them.
rm -rf "$work"/out-*
sync
sleep "${SETTLE_SECONDS:-35}"

# once NAME I COMMAND...: one timed run; appends "seconds peak_kib" to $work/NAME.times
once() {
  local name=$1 i=$2; shift 2
  # The previous run's files are flushed first, untimed: otherwise the kernel writes them back during this run,
  # on the same two cores.
  sync
  /usr/bin/time -f "%e %M" -o "$work/$name.time1" "$@" >/dev/null 2>"$work/$name.stderr" \
    || { cat "$work/$name.stderr" >&2; exit 1; }
  cat "$work/$name.time1" >>"$work/$name.times"
}
median() { sort -n "$1" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
peak() { sort -k2 -n "$1" | tail -1 | awk '{printf "%.0f", $2/1024}'; }

# Interleaved, so that whatever else the machine does falls on both tools alike.
: >"$work/python.times"; : >"$work/fanout.times"
for i in $(seq "$runs"); do
  once python "$i" python3 "$shared/tools/rowspec.py" replay "$input" --out "$work/out-python-$i"
  once fanout "$i" "$root/fanout" replay "$input" --out "$work/out-fanout-$i" --progress never
done

check=$(python3 "$shared/tools/rowspec.py" check "$input" --out "$work/out-fanout-1" | tail -1)
py=$(median "$work/python.times"); fo=$(median "$work/fanout.times")
ratio=$(awk -v a="$py" -v b="$fo" 'BEGIN{printf "%.1f", a/b}')
echo "| workload | tool | median wall s ($runs runs) | peak RSS MiB | speed-up |"
echo "|---|---|---|---|---|"
echo "| $bundles LMDP bundles, $mb MB | python3 rowspec.py replay | $py | $(peak "$work/python.times") | 1.0× |"
echo "| $bundles LMDP bundles, $mb MB | ./fanout replay | $fo | $(peak "$work/fanout.times") | ${ratio}× |"
echo
echo "rowspec.py check of the Fanout output: $check"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); $("$root/bin/with-jdk" sh -c 'java -version 2>&1 | head -1')"
