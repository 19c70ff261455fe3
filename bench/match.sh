#!/usr/bin/env bash
# Compares the matching engine (internal/match/mcf) with a greedy pass and with LEMON's
# NetworkSimplex on generated instances of three sizes, and prints a Markdown table.
#
#   bash bench/match.sh              # sizes 3k×300, 30k×2k, 300k×10k; seed 1; k 50
#   SIZES="3000x300" bash bench/match.sh
#
# Needs g++ and LEMON's headers (Debian: apt-get install -y liblemon-dev g++). Times are
# solve times only (no generation or parsing); "cpu" is the solve's CPU time, the fairer
# yardstick when the machine is busy. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v g++ >/dev/null || [ ! -f /usr/include/lemon/network_simplex.h ]; then
  echo "bench/match.sh needs g++ and LEMON: run  apt-get install -y liblemon-dev g++" >&2
  exit 1
fi
SIZES=${SIZES:-"3000x300 30000x2000 300000x10000"}
SEED=${SEED:-1}
K=${K:-50}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
g++ -O2 -o "$out/lemon_mcf" bench/match/lemon/lemon_mcf.cpp
go build -o "$out/match" ./bench/match

field() { # $1 = key, stdin = output of a run; prints the value of key=value
  tr ' ' '\n' | sed -n "s/^$1=//p" | tail -1
}

echo "| size (needs×workers) | arcs | engine cost | engine s (cpu) | greedy cost | greedy unassigned | greedy gap | LEMON NS cost | LEMON NS s (cpu) | time engine/LEMON (cpu) | equal cost |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  needs=${size%x*}
  workers=${size#*x}
  file="$out/$size.min"
  eng=$("$out/match" gen -needs "$needs" -workers "$workers" -seed "$SEED" -k "$K" -out "$file")
  gre=$("$out/match" solve -greedy "$file")
  lem=$("$out/lemon_mcf" "$file")
  arcs=$(echo "$eng" | field arcs)
  ec=$(echo "$eng" | field cost); es=$(echo "$eng" | field seconds); ecpu=$(echo "$eng" | field cpu_seconds)
  gc=$(echo "$gre" | field cost); gu=$(echo "$gre" | field unassigned)
  lc=$(echo "$lem" | field cost); ls=$(echo "$lem" | field seconds); lcpu=$(echo "$lem" | field cpu_seconds)
  awk -v size="$needs×$workers" -v arcs="$arcs" -v ec="$ec" -v es="$es" -v ecpu="$ecpu" \
      -v gc="$gc" -v gu="$gu" -v n="$needs" -v lc="$lc" -v ls="$ls" -v lcpu="$lcpu" 'BEGIN {
    printf "| %s | %d | %d | %.2f (%.2f) | %d | %.2f %% | %.1f %% | %d | %.2f (%.2f) | %.2f (%.2f) | %s |\n",
      size, arcs, ec, es, ecpu, gc, 100*gu/n, 100*(gc-ec)/ec, lc, ls, lcpu, es/ls, ecpu/lcpu, (ec==lc ? "yes" : "no")
  }'
  rm -f "$file"
done
