"""Samples PostgreSQL's wait events of one database's active backends while a load runs.

  pgwaits.py DB SECONDS [INTERVAL=0.1]   prints, as JSON, how many samples saw each (wait event, statement) pair

A backend counts once per sample when it is not idle: waiting on a lock (Lock/transactionid: another transaction's
row), on the client (Client/ClientRead: the application has not sent its next command), on I/O, or running (no wait).
"""
import collections, json, subprocess, sys, time

db, seconds = sys.argv[1], float(sys.argv[2])
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
query = ("select coalesce(wait_event_type,'CPU')||'/'||coalesce(wait_event,'running')||' | '||state||' | '||"
         "regexp_replace(left(query, 60), '\\s+', ' ', 'g') from pg_stat_activity "
         f"where datname = '{db}' and state <> 'idle' and pid <> pg_backend_pid()")
counts, samples = collections.Counter(), 0
end = time.monotonic() + seconds
with subprocess.Popen(["psql", f"postgresql://aigaq:aigaq@127.0.0.1/{db}", "-tAq"], stdin=subprocess.PIPE,
                      stdout=subprocess.PIPE, text=True, bufsize=1) as psql:
    while time.monotonic() < end:
        psql.stdin.write(query + ";\nselect '--end--';\n")
        psql.stdin.flush()
        for line in psql.stdout:
            line = line.strip()
            if line == "--end--":
                break
            if line:
                counts[line] += 1
        samples += 1
        time.sleep(interval)
    psql.stdin.close()
print(json.dumps({"samples": samples, "waits": dict(counts.most_common(25))}, ensure_ascii=False, indent=1))
