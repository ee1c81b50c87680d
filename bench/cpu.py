"""CPU spent by the application and by PostgreSQL for one benchmark's database, per registration.

  cpu.py snap APP_PID DB          prints a snapshot (JSON) of CPU ticks and the detentions count
  cpu.py add SNAPSHOT APP_PID DB  reads a result line on stdin, adds the CPU per registration
                                  between the snapshot and now, and the load average; prints it

PostgreSQL's share is its background processes (WAL writer, checkpointer, ...) plus the backends
connected to DB; other databases' backends (other work on the machine) are left out, and so are
backends that exited during the run (the application's pool keeps its connections).
"""
import json, os, subprocess, sys

TCK = os.sysconf("SC_CLK_TCK")

def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime

def pg_ticks(db):
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            if not cmd.startswith("postgres: "):
                continue
            parts = cmd.split()
            # Backends read "postgres: 15/main: USER DB HOST(PORT) STATE"; others name their role.
            is_backend = len(parts) >= 5 and "(" in parts[4]
            if is_backend and parts[3] != db:
                continue
            total += ticks(pid)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total

def count(db, provider_sqlite=None):
    if db.startswith("/"):
        out = subprocess.run(["sqlite3", db, "select count(*) from detentions"], capture_output=True, text=True)
    else:
        out = subprocess.run(["psql", f"postgresql://aigaq:aigaq@127.0.0.1/{db}", "-tAc", "select count(*) from detentions"],
                             capture_output=True, text=True)
    return int(out.stdout.strip() or 0)

def snap(app, db):
    return {"app": ticks(app), "pg": 0 if db.startswith("/") else pg_ticks(db), "n": count(db)}

if sys.argv[1] == "snap":
    print(json.dumps(snap(int(sys.argv[2]), sys.argv[3])))
else:
    before = json.load(open(sys.argv[2]))
    lines = sys.stdin.readlines()  # the load's end: its result line comes last
    after = snap(int(sys.argv[3]), sys.argv[4])
    n = max(1, after["n"] - before["n"])
    ms = 1000 / TCK
    for line in lines:
        if not line.strip().startswith("{"):
            print(line, end="")
            continue
        r = json.loads(line)
        r["Registrations"] = after["n"] - before["n"]
        r["AppCpuMsPerReg"] = round((after["app"] - before["app"]) * ms / n, 3)
        if not sys.argv[4].startswith("/"):
            r["PgCpuMsPerReg"] = round((after["pg"] - before["pg"]) * ms / n, 3)
        r["LoadAvg"] = os.getloadavg()[0]
        print(json.dumps(r))
