#!/usr/bin/env python3
"""Medians over runs of bench/protection/run.sh's JSON lines: p50 and p95 per provider and case (µs), the ratio of each
case's p50 to the empty table's in the same runs, and what the match adds to a registration's p50 over the empty
table. Usage: summary.py bench/results/protection-*.jsonl"""
import json
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
order = []
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        if r.get("mode") != "protection":
            continue
        key = (r["provider"], r["case"])
        if key not in rows:
            order.append(key)
        rows[key].append(r)

for provider in dict.fromkeys(p for p, _ in order):
    base = statistics.median(r["p50Us"] for r in rows[(provider, "empty: new person")])
    print(f"\n{provider}")
    print("| case | runs | p50 µs (median) | p95 µs (median) | p50 each run | p50 / empty | p50 - empty µs |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for p, case in order:
        if p != provider:
            continue
        rs = rows[(p, case)]
        p50 = statistics.median(r["p50Us"] for r in rs)
        p95 = statistics.median(r["p95Us"] for r in rs)
        each = ", ".join(f"{r['p50Us']:.0f}" for r in rs)
        print(f"| {case} | {len(rs)} | {p50:.1f} | {p95:.1f} | {each} | {p50 / base:.2f} | {p50 - base:+.1f} |")
