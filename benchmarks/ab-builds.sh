#!/usr/bin/env bash
# Interleaved A/B of Fanout builds or JVM options on the 2 000-bundle workload: runs each variant in turn (the
# order turning every round), N rounds, output on tmpfs (/dev/shm, unless --out-dir) so that only CPU differs,
# and prints the median and best wall time and the median CPU time (user + sys) per variant. Interleaving puts
# the shared host's drift on every variant alike; on this 2-core VM, differences under ~3 % need 20 rounds or
# more to show (40 when the host is busy).
#
#   benchmarks/ab-builds.sh [--rounds 10] [--input FILE] [--pause SECONDS] [--out-dir DIR] VARIANT...
#
# --out-dir puts the runs' output under DIR instead of /dev/shm, and keeps every run's output until the end: a
# change that alters how many objects a replay writes must also be measured on the disk users write to (on this
# VM's ext4 each file and folder created costs far more than on tmpfs, and more again while inodes deleted in the
# last minute are about, so nothing is deleted between runs).
#
# --pause sleeps before every run. On a VM with free page reporting (virtio-balloon) the memory a run frees goes
# back to the host within seconds, and the next run pays to fault it in again (0.2–0.3 s of system time for a
# replay here); back-to-back runs hide that cost, so runs after a pause of 6 s or more are the ones a user meets.
#
# A VARIANT is a launcher path, optionally followed by environment assignments for it, each after a '|'
# (a value may contain spaces), e.g.
#   benchmarks/ab-builds.sh /tmp/old-clone/fanout ./fanout './fanout|FANOUT_JAVA_OPTS=-Dfanout.native=off'
# (clone and build the other revision yourself: git clone -q . /tmp/old && (cd /tmp/old && git checkout REV)).
# Leave the variants' sources alone while it runs: a launcher whose sources changed rebuilds its jar and retrains
# its class cache inside the next timed run, and measures the new code from then on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=10
pause=0
out_dir=
input="$root/bench-work/lmdp-2000.jsonl"
variants=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --out-dir) out_dir=$2; shift 2 ;;
    --pause) pause=${2:-}; shift $(( $# > 1 ? 2 : 1 ))
      [[ $pause =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--pause needs a number of seconds, got '$pause'" >&2; exit 2; } ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) variants+=("$1"); shift ;;
  esac
done
[ ${#variants[@]} -ge 1 ] || { echo "name at least one variant (see --help)" >&2; exit 2; }
[ -f "$input" ] || { echo "no input $input (benchmarks/replay-vs-baseline.sh generates it)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  out=$(mktemp -d "$out_dir/fanout-ab.XXXXXX")
else
  out=$(mktemp -d /dev/shm/fanout-ab.XXXXXX)
fi
trap 'rm -rf "$out"' EXIT
for v in "${variants[@]}"; do
  launcher=${v%%|*}
  (cd "$root" && "$launcher" --version >/dev/null)   # builds and trains the class cache outside the timing
done
for round in $(seq "$rounds"); do
  # The order turns every round: the first and the last run of a round do not meet the same host state.
  order=()
  for k in "${!variants[@]}"; do order+=($(( (k + round) % ${#variants[@]} ))); done
  for k in "${order[@]}"; do
    IFS='|' read -r -a parts <<<"${variants[$k]}"
    launcher=${parts[0]}
    sleep "$pause"
    if ! (cd "$root" && env "${parts[@]:1}" /usr/bin/time -f "$k %e %U %S" -a -o "$out/times" \
        "$launcher" replay "$input" --out "$out/run-$k-$round" --progress never >"$out/stdout" 2>"$out/stderr"); then
      echo "variant '${variants[$k]}' failed:" >&2
      cat "$out/stdout" "$out/stderr" >&2
      exit 1
    fi
    [ -n "$out_dir" ] || rm -rf "$out/run-$k-$round"
  done
done
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for k in "${!variants[@]}"; do
  walls=$(awk -v k="$k" '$1 == k {print $2}' "$out/times")
  cpus=$(awk -v k="$k" '$1 == k {print $3 + $4}' "$out/times")
  printf '%-60s median %s s  best %s s  cpu %s s  (%s runs)\n' "${variants[$k]}" "$(median <<<"$walls")" \
    "$(sort -n <<<"$walls" | head -1)" "$(median <<<"$cpus")" "$(wc -l <<<"$walls")"
done
