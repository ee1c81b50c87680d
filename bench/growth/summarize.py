#!/usr/bin/env python3
"""Medians of bench/growth/run.sh's results: each request's median (and p95) on the small and the large log, the
ratio large/small, and the audits' wall and CPU time per entry. Usage: bench/growth/summarize.py [growth.jsonl]"""
import collections
import json
import statistics
import sys

ROLES = ["checkpoint", "hash tile, level 0, middle", "hash tile, level 0, last full", "hash tile, level 1, last full",
         "hash tile, level 2, partial", "entry bundle, middle", "inclusion proof, a third in", "inclusion proof, near the end",
         "consistency proof, half to all", "receipt, a third in"]

rows = [json.loads(line) for line in open(sys.argv[1] if len(sys.argv) > 1 else "bench/results-growth/growth.jsonl")]
gets = collections.defaultdict(list)
order = collections.Counter()
for r in rows:
    if r["mode"] != "get":
        continue
    which = "small" if "-small-" in r["label"] else "large"
    role = ROLES[order[r["label"]] % len(ROLES)]
    order[r["label"]] += 1
    gets[(role, which)].append(r)

print(f"{'request':34s} {'small ms (p95)':>16s} {'large ms (p95)':>16s} {'large/small':>11s}")
for role in ROLES:
    s, l = gets[(role, "small")], gets[(role, "large")]
    if not s or not l:
        continue
    ms, ml = statistics.median(x["medianMs"] for x in s), statistics.median(x["medianMs"] for x in l)
    ps, pl = statistics.median(x["p95Ms"] for x in s), statistics.median(x["p95Ms"] for x in l)
    print(f"{role:34s} {ms:7.2f} ({ps:6.2f}) {ml:7.2f} ({pl:6.2f}) {ml / ms:11.2f}")

audits = [r for r in rows if r["mode"] == "growth-audit"]
sizes = {"small": 1_000_000, "large": 10_000_000}
for label in sorted({r["label"] for r in rows if r["mode"] == "get"}):
    for which in sizes:
        if f"-{which}-" in label:
            sizes[which] = int(label.split("-")[2])
per = {}
for which in ("small", "large"):
    runs = [r for r in audits if r["log"] == which]
    if not runs:
        continue
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    per[which] = (wall / sizes[which] * 1e6, cpu / sizes[which] * 1e6)
    print(f"audit {which} ({sizes[which]:,} entries): wall {[r['wall'] for r in runs]} median {wall:.1f} s "
          f"({per[which][0]:.1f} us/entry), cpu median {cpu:.1f} s ({per[which][1]:.1f} us/entry), "
          f"max RSS {[r['maxRssMb'] for r in runs]} MB, load {[r['load'] for r in runs]}")
if len(per) == 2:
    print(f"audit cost per entry, large/small: wall {per['large'][0] / per['small'][0]:.2f}, cpu {per['large'][1] / per['small'][1]:.2f}")
