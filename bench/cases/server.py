#!/usr/bin/env python3
"""Server times of the reports-and-cases benchmark (bench/cases/run.sh, bench/CASES.md).

server.py --label L APP_LOG   prints one JSON line per path from the application's own
                              "Request finished ... N ms" lines of measured requests (_b=m)
server.py --summary JSONL     prints, per path, the median over rounds of each round's median and
                              p95, server and client, for the big database and the baseline one,
                              and their ratio
"""
import json
import re
import statistics
import sys
from urllib.parse import urlsplit, parse_qsl, urlencode

FINISHED = re.compile(r"Request finished \S+ GET (\S+) - (\d{3}) .* ([\d.]+)ms\s*$")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-len(values) * p // 100) - 1))]


def path_of(url):
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "_b"]
    return parts.path + ("?" + urlencode(query) if query else "")


def server(label, log):
    times = {}
    for line in open(log, encoding="utf-8"):
        m = FINISHED.search(line)
        if m and "_b=m" in m.group(1):
            if m.group(2) != "200":
                raise SystemExit(f"{m.group(1)} answered {m.group(2)}")
            times.setdefault(path_of(m.group(1)), []).append(float(m.group(3)))
    for path, t in times.items():
        print(json.dumps({"mode": "server", "label": label, "path": path, "runs": len(t),
                          "medianMs": round(statistics.median(t), 2), "p95Ms": round(percentile(t, 95), 2)}))


def summary(jsonl):
    rows = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.startswith("{")]
    by = {}
    for r in rows:
        db = r["label"].split(" ")[0]
        by.setdefault((r["path"].replace("%2C", ","), db, r["mode"]), []).append(r)
    dbs = sorted({k[1] for k in by}, key=lambda d: d.endswith("small"))
    big, small = dbs[0], dbs[-1]
    print(f"| request | server median ms | server p95 ms | client median ms | baseline ({small}) server median ms | ratio |")
    print("| --- | --- | --- | --- | --- | --- |")
    for path in sorted({k[0] for k in by}):
        def med(db, mode, field):
            r = by.get((path, db, mode), [])
            return statistics.median(x[field] for x in r) if r else float("nan")
        s, b = med(big, "server", "medianMs"), med(small, "server", "medianMs")
        print(f"| `{path}` | {s:.1f} | {med(big, 'server', 'p95Ms'):.1f} | {med(big, 'get', 'medianMs'):.1f} | {b:.1f} | {s / b:.1f} |")


if __name__ == "__main__":
    if sys.argv[1] == "--label":
        server(sys.argv[2], sys.argv[3])
    else:
        summary(sys.argv[2])
