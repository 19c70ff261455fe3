#!/usr/bin/env bash
# Measures jiuzhu serving the demo: time from `serve --demo` on an empty data
# folder to a ready /readyz, resident memory with the demo loaded, and the
# person-list API's throughput — on SQLite, and on PostgreSQL when
# JIUZHU_BENCH_POSTGRES_URL names a server (a scratch database is created).
#
#   bash bench/serve.sh            # prints one line per measurement
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
go build -o "$out/jiuzhu" ./cmd/jiuzhu
go build -o "$out/apiload" ./bench/apiload
port=18437

measure() { # $1 = label, rest = env assignments
  local label=$1; shift
  rm -rf "$out/data"
  local t0 t1
  t0=$(date +%s.%N)
  env "$@" "$out/jiuzhu" serve --demo --data "$out/data" --addr 127.0.0.1:$port >"$out/serve.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$out/serve.log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s.%N)
  echo "$label startup_to_ready_seconds=$(awk "BEGIN {printf \"%.2f\", $t1 - $t0}")"
  "$out/apiload" -url "http://127.0.0.1:$port" -n 20000 -c 8 -path '/api/v1/persons?limit=50' | sed "s/^/$label list_page /"
  "$out/apiload" -url "http://127.0.0.1:$port" -n 20000 -c 8 -path '/api/v1/persons?limit=50&q=%E9%98%BF' | sed "s/^/$label list_search /"
  echo "$label rss_mb_after_load=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))"
  kill -TERM $pid; wait $pid || true
}

measure sqlite
if [ -n "${JIUZHU_BENCH_POSTGRES_URL:-}" ]; then
  psql "$JIUZHU_BENCH_POSTGRES_URL" -qc 'DROP DATABASE IF EXISTS jiuzhu_bench' -c 'CREATE DATABASE jiuzhu_bench'
  pgurl=$(echo "$JIUZHU_BENCH_POSTGRES_URL" | sed -E 's#/[^/?]+(\?|$)#/jiuzhu_bench\1#')
  measure postgres JIUZHU_DATABASE_URL="$pgurl"
  psql "$JIUZHU_BENCH_POSTGRES_URL" -qc 'DROP DATABASE jiuzhu_bench'
fi
rm -rf "$out"
