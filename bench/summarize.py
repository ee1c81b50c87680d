"""Prints the median of each benchmark's runs and the ratios to the plain Npgsql floor."""
import json, statistics, sys, pathlib

out = pathlib.Path(sys.argv[1])
def load(name):
    p = out / f"{name}.jsonl"
    return [json.loads(l) for l in p.read_text().splitlines() if l.strip()] if p.exists() else []

def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else float("nan")

rows = {n: load(n) for n in ["pg", "pg-500", "npgsql", "pg-max", "npgsql-max", "sqlite", "sqlite-max", "smtp",
                             "mail-floor", "mail-rate", "mail-03", "mail-max"]}
print("| benchmark | runs | sent | ok | failed | throughput/s | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for n, rs in rows.items():
    if rs:
        print(f"| {n} | {len(rs)} | {med(rs,'Sent'):.0f} | {med(rs,'Ok'):.0f} | {med(rs,'Failed'):.0f} | {med(rs,'Throughput'):.0f} | {med(rs,'P50Ms'):.1f} | {med(rs,'P99Ms'):.1f} | {med(rs,'MaxMs'):.1f} |")
if rows["pg"] and rows["npgsql"]:
    print(f"\nPostgreSQL HTTP / plain Npgsql at the same rate: p50 x{med(rows['pg'],'P50Ms')/med(rows['npgsql'],'P50Ms'):.1f}, p99 x{med(rows['pg'],'P99Ms')/med(rows['npgsql'],'P99Ms'):.1f}")
# An open-loop load above capacity queues: latency grows for the whole run. A p99 under a second means the offer was
# met, so the figure is the offered rate, not the saturation.
for n in ["pg-max", "npgsql-max", "sqlite-max"]:
    if rows[n] and med(rows[n], "P99Ms") < 1000:
        print(f"{n}: the offered rate was met (p99 {med(rows[n],'P99Ms'):.0f} ms), so its throughput is a lower bound, not the saturation")
if rows["pg-max"] and rows["npgsql-max"]:
    print(f"Saturated throughput, HTTP / plain Npgsql: {med(rows['pg-max'],'Throughput')/med(rows['npgsql-max'],'Throughput'):.2f}")
if rows["smtp"]:
    print(f"Registration to SMTP delivery: delivered {med(rows['smtp'],'Delivered'):.0f} of {med(rows['smtp'],'Ok'):.0f}, p50 {med(rows['smtp'],'DeliveryP50Ms'):.0f} ms, p99 {med(rows['smtp'],'DeliveryP99Ms'):.0f} ms")
for n in ["pg", "pg-500"]:
    if rows[n] and rows[n][0].get("CheckpointP99Ms") is not None:
        print(f"Acknowledgement to signed checkpoint ({n}): p50 {med(rows[n],'CheckpointP50Ms'):.0f} ms, p99 {med(rows[n],'CheckpointP99Ms'):.0f} ms, max {med(rows[n],'CheckpointMaxMs'):.0f} ms")
for n in ["pg", "pg-500", "pg-max", "sqlite", "sqlite-max"]:
    if rows[n] and rows[n][0].get("AppCpuMsPerReg") is not None:
        pg = f", PostgreSQL {med(rows[n],'PgCpuMsPerReg'):.2f} ms" if rows[n][0].get("PgCpuMsPerReg") is not None else ""
        loads = ", ".join(f"{r['LoadAvg']:.1f}" for r in rows[n])
        print(f"CPU per registration ({n}, incl. warm-up): application {med(rows[n],'AppCpuMsPerReg'):.2f} ms{pg}; load average at the end: {loads}")
# Issue 19 item 1: registrations with mail delivering, most in one region, against the floor measured in the same run.
if rows["mail-floor"] and rows["mail-max"]:
    pairs = list(zip(rows["mail-max"], rows["mail-floor"]))
    ratios = ", ".join(f"{m['Throughput'] / f['Throughput']:.2f}" for m, f in pairs)
    print(f"Mail delivering, saturation / floor (each run): {ratios}; target >= 0.5")
for n, what in [("mail-rate", "mail delivering, fixed rate"), ("mail-03", "mail delivering, 0.3 of the floor"), ("mail-max", "mail delivering, saturation")]:
    if rows[n]:
        cpu = f", application {med(rows[n],'AppCpuMsPerReg'):.2f} ms and PostgreSQL {med(rows[n],'PgCpuMsPerReg'):.2f} ms CPU per registration" if rows[n][0].get("AppCpuMsPerReg") is not None else ""
        loads = ", ".join(f"{r['LoadAvg']:.1f}" for r in rows[n] if r.get("LoadAvg") is not None)
        print(f"{what}: offered {med(rows[n],'Sent')/med(rows[n],'Seconds'):.0f}/s, achieved {med(rows[n],'Throughput'):.0f}/s, p99 {med(rows[n],'P99Ms'):.1f} ms, "
              f"delivered {med(rows[n],'Delivered'):.0f} of {med(rows[n],'Ok'):.0f}, registration to delivered e-mail p99 {med(rows[n],'DeliveryP99Ms'):.0f} ms{cpu}; load {loads}")
# A load whose requests were refused measures the refusals: say why any failed (HTTP status or exception), run by run.
for n, rs in rows.items():
    for i, r in enumerate(rs, 1):
        if r.get("FailedBy"):
            print(f"WARNING {n} run {i}: {r['Failed']} of {r['Sent']} failed: " + ", ".join(f"{k} x{v}" for k, v in r["FailedBy"].items()))
