#!/usr/bin/env python3
"""Whole-process TUI figures in a pseudo-terminal: time from start to the first complete frame,
bytes written per `j` keystroke, and bytes written while idle.

usage: benches/tui_first_frame.py BINARY DB [--cols 80 --rows 24 --runs 5 --idle 10]
(also imported by benches/run)
"""
import argparse, os, pty, re, select, statistics, sys, time

CSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")

def text(buf):
    """The printed characters, without escape sequences (ratatui moves the cursor after
    each wide character, so words are not contiguous in the raw bytes)."""
    return CSI.sub(b"", buf)

def read_until(fd, pred, timeout):
    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        if pred(buf):
            return buf, True
    return buf, False

def drain(fd, quiet):
    """Reads until nothing arrives for `quiet` seconds; returns the bytes."""
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return buf
        if not chunk:
            return buf
        buf += chunk

def spawn(binary, db, cols, rows, trace=None):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "zh_CN.UTF-8", "COLUMNS": str(cols), "LINES": str(rows)})
        if trace:
            # DUBAN_TRACE: each key's time from read to drawn, on stderr, into `trace`.
            os.environ["DUBAN_TRACE"] = "1"
            t = os.open(trace, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(t, 2)
        os.execv(binary, [binary, "--db", db])
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd

def peak_rss_mb(pid):
    """VmHWM of a running process, in MB (0 where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def measure(binary, db, cols=80, rows=24, runs=5, idle=10.0, setup=None):
    """Medians over `runs` starts: ms to the first frame and to the first complete one, bytes
    per `j` (department list, task pane), the most bytes written while idle for `idle` s, and
    the peak RSS in MB. `setup` runs before each start, untimed."""
    # The footer marks the first frame (drawn before any query, with "loading…"); percent
    # signs, which only rows of data have, mark the first complete frame.
    marker = "帮助".encode()
    complete = re.compile(rb"%")
    firsts, completes, per_j, per_j_task, idles, rss = [], [], [], [], [], []
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.monotonic()
        pid, fd = spawn(binary, db, cols, rows)
        seen, ok = read_until(fd, lambda b: marker in text(b), 10)
        if not ok:
            raise SystemExit("no first frame")
        firsts.append((time.monotonic() - t0) * 1000)
        if not complete.search(text(seen)):
            _, ok = read_until(fd, lambda b: complete.search(text(b)) is not None, 10)
            if not ok:
                raise SystemExit("no complete frame")
        completes.append((time.monotonic() - t0) * 1000)
        drain(fd, 0.3)
        # j in the department list (the task pane changes with it), then in the task pane.
        counts = []
        for _ in range(10):
            os.write(fd, b"j")
            counts.append(len(drain(fd, 0.15)))
        per_j.append(statistics.median(counts))
        os.write(fd, b"\t")
        drain(fd, 0.3)
        counts = []
        for _ in range(10):
            os.write(fd, b"j")
            counts.append(len(drain(fd, 0.15)))
        per_j_task.append(statistics.median(counts))
        idles.append(len(drain(fd, idle)))
        rss.append(peak_rss_mb(pid))
        os.write(fd, b"q")
        os.waitpid(pid, 0)
        os.close(fd)
    return {
        "first": statistics.median(firsts),
        "complete": statistics.median(completes),
        "completes": completes,
        "per_j": statistics.median(per_j),
        "per_j_task": statistics.median(per_j_task),
        "idle": max(idles),
        "idle_seconds": idle,
        "rss": max(rss),
    }

# A working session's keys, none of which writes: every view, moving, the detail, the filter,
# the toggles, a reload, view 5's periods and view 4's panes. (key, seconds to wait after it)
KEY_SCRIPT = [
    (b"j", .2), (b"j", .2), (b"k", .2), (b"\t", .2), (b"j", .2), (b"\r", .3), (b"\x1b", .2),
    (b"2", .5), (b"G", .2), (b"g", .2), (b"/", .1), (b"1", .1), (b"2", .1), (b"\r", .5),
    (b"w", .4), (b"w", .4), (b"s", .2), (b"3", .5), (b"j", .2), (b"m", .4), (b"m", .4),
    (b"4", .5), (b"\t", .2), (b"j", .2), (b"5", .5), (b"[", .3), (b"[", .3), (b"]", .3),
    (b"\r", .3), (b"\r", .3), (b"6", .3), (b"1", .3), (b"r", .5), (b"?", .3), (b"\x1b", .3),
    (b"5", .3), (b"2", .3), (b"4", .3), (b"1", .3), (b"j", .2), (b"j", .2),
]

def parse_duration_ms(text):
    """Rust's Debug form of a Duration (812.8µs, 1.2ms, 1.1s) in ms."""
    for suffix, scale in (("µs", 1e-3), ("ns", 1e-6), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * scale
    raise ValueError(text)

def key_latency(binary, db, cols=80, rows=24, runs=3):
    """Time from a key being read to its frame drawn, and of applying each result of the reader
    thread (a key typed then waits that long), over KEY_SCRIPT: the worst and the median of
    `runs` sessions (the UI's own trace, DUBAN_TRACE)."""
    import tempfile
    times = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile(suffix=".trace") as tmp:
            pid, fd = spawn(binary, db, cols, rows, trace=tmp.name)
            read_until(fd, lambda b: re.search(rb"%", text(b)) is not None, 20)
            drain(fd, 0.5)
            for key, wait in KEY_SCRIPT:
                os.write(fd, key)
                drain(fd, wait)
            os.write(fd, b"q")
            drain(fd, 0.5)
            os.waitpid(pid, 0)
            os.close(fd)
            with open(tmp.name, encoding="utf-8", errors="replace") as f:
                for line in f:
                    # A result applied between keys blocks a key typed meanwhile as long.
                    if line.startswith(("key answered: ", "result applied: ")):
                        times.append(parse_duration_ms(line.split(": ", 1)[1].strip()))
    if not times:
        raise SystemExit("no key times in the trace")
    return {"worst": max(times), "median": statistics.median(times), "keys": len(times)}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("db")
    ap.add_argument("--cols", type=int, default=80); ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=10.0)
    a = ap.parse_args()
    k = key_latency(a.binary, a.db, a.cols, a.rows)
    print(f"keys read to drawn and results applied, {k['keys']}: worst {k['worst']:.1f} ms, median {k['median']:.2f} ms")
    m = measure(a.binary, a.db, a.cols, a.rows, a.runs, a.idle)
    print(f"{a.cols}x{a.rows} {a.db}: first frame median {m['first']:.0f} ms, "
          f"first complete frame median {m['complete']:.0f} ms "
          f"(runs {', '.join(f'{x:.0f}' for x in m['completes'])}); "
          f"bytes per j: department list {m['per_j']:.0f}, task pane {m['per_j_task']:.0f}; "
          f"bytes while idle {a.idle:.0f} s: max {m['idle']}; peak RSS {m['rss']:.0f} MB")

if __name__ == "__main__":
    main()
