"""Threads emitting concurrently in one process: Apache's event MPM with a
thread-safe (ZTS) mod_php, one child with THREADS threads, pages that emit.

Checks (each asserts, and prints what it measured):
  1. sync mode: REQUESTS pages from CONCURRENCY clients at once: every page
     answers 200 with an int receiver count, every id arrives exactly once;
  2. deferred mode, the same: every id exactly once, the replies owed by one
     thread are never read by another (each page reports its own stats);
  3. Redis saw at most one connection per thread (connections are per thread,
     never shared by two threads at once).

Usage: python3 threads.py PHP_PREFIX EXTENSION_SO    (run by tools/test-zts.sh)
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "faults"))
import faultlib as F  # noqa: E402

THREADS = 16
CONCURRENCY = 32
REQUESTS = 2000

passed = 0
failed = 0


def check(name, ok, detail):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)


def apache_conf(tmp, port, prefix, so, redis_port):
    www = os.path.join(tmp, "www")
    os.makedirs(www)
    with open(os.path.join(www, "emit.php"), "w") as f:
        f.write("""<?php
$deferred = ($_GET['mode'] ?? '') === 'deferred';
$e = new SocketIO\\Emitter(['deferred' => $deferred, 'on_error' => 'throw']);
$r = $e->to('zts')->emit('zts', (string)($_GET['id'] ?? ''));
// The kernel's id of the thread serving this request (/proc/thread-self, Linux 3.17+).
$tid = (int)explode(' ', (string)@file_get_contents('/proc/thread-self/stat'))[0];
echo json_encode(['r' => $r, 'tid' => $tid, 'pid' => getmypid()]);
""")
    ini_dir = os.path.join(tmp, "ini")
    os.makedirs(ini_dir)
    with open(os.path.join(ini_dir, "php.ini"), "w") as f:
        f.write(f"extension={so}\nsocketio_emitter.dsn=redis://127.0.0.1:{redis_port}\n"
                f"display_errors=1\nlog_errors=1\nerror_log={tmp}/php-error.log\n")
    mods = "/usr/lib/apache2/modules"
    conf = os.path.join(tmp, "httpd.conf")
    with open(conf, "w") as f:
        f.write(f"""ServerRoot "{tmp}"
ServerName 127.0.0.1
LoadModule mpm_event_module {mods}/mod_mpm_event.so
LoadModule authz_core_module {mods}/mod_authz_core.so
LoadModule php_module {prefix}/lib/libphp.so
Listen 127.0.0.1:{port}
PidFile {tmp}/httpd.pid
ErrorLog {tmp}/error.log
LogLevel warn
User www-data
Group www-data
StartServers 1
ServerLimit 1
ThreadLimit {THREADS}
ThreadsPerChild {THREADS}
MaxRequestWorkers {THREADS}
MinSpareThreads 1
MaxSpareThreads {THREADS}
MaxConnectionsPerChild 0
DocumentRoot "{www}"
<Directory "{www}">
  Require all granted
</Directory>
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
PHPIniDir "{ini_dir}"
""")
    return conf


def run_load(port, mode, ids):
    """GETs every id from CONCURRENCY threads; returns (status/answer problems, answers)."""
    problems = []
    answers = []
    lock = threading.Lock()
    todo = list(ids)

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()
            url = f"http://127.0.0.1:{port}/emit.php?mode={mode}&id={i}"
            try:
                with urllib.request.urlopen(url, timeout=20) as r:
                    body = r.read().decode()
                    status = r.status
            except Exception as e:  # noqa: BLE001 - any failure is a failed page
                with lock:
                    problems.append(f"{i}: {e}")
                continue
            with lock:
                if status != 200 or '"r":' not in body:
                    problems.append(f"{i}: {status} {body[:200]}")
                else:
                    answers.append(body)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return problems, answers


def main():
    prefix, so = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="sio-zts-")
    os.chmod(tmp, 0o755)
    try:
        redis_port = F.free_port()
        F.spawn(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no"], stdout=subprocess.DEVNULL)
        connect = lambda: F.connect_tcp(redis_port)  # noqa: E731
        F.wait_ready(connect)
        mon = F.Client(connect).open()
        sub = F.Subscriber(connect)
        sub.start()
        sub.wait_subscribed()
        port = F.free_port()
        conf = apache_conf(tmp, port, prefix, so, redis_port)
        start = subprocess.run(["apache2", "-f", conf, "-k", "start"], capture_output=True, text=True)
        if start.returncode != 0:
            check("apache event MPM with ZTS mod_php starts", False, start.stderr.strip()[:500])
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/emit.php?id=warmup", timeout=2).read()
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.1)
        base = len(sub.snapshot())
        for mode in ("sync", "deferred"):
            ids = [f"{mode}-{n}" for n in range(REQUESTS)]
            t0 = time.monotonic()
            problems, answers = run_load(port, mode, ids)
            took = time.monotonic() - t0
            sub.wait_messages(base + REQUESTS, timeout=10)
            counts, corrupt = F.tally(sub.snapshot())
            got = [counts.get(i, 0) for i in ids]
            once = sum(1 for c in got if c == 1)
            lost = sum(1 for c in got if c == 0)
            dup = sum(1 for c in got if c > 1)
            tids = {a.split('"tid":', 1)[1].split(",", 1)[0] for a in answers}
            expected = "int receiver count" if mode == "sync" else "true"
            wrong = [a for a in answers if (mode == "sync" and '"r":1,' not in a) or (mode == "deferred" and '"r":true' not in a)]
            check(f"{mode}: {REQUESTS} pages from {CONCURRENCY} clients answered 200 with {expected}",
                  not problems and not wrong and len(answers) == REQUESTS,
                  f"{len(answers)} ok, {len(problems)} failed {problems[:3]}, {len(wrong)} wrong {wrong[:2]}, "
                  f"{len(tids)} distinct threads served, {took:.1f} s")
            check(f"{mode}: every message arrived exactly once", once == REQUESTS and corrupt == 0,
                  f"{once} once, {lost} lost, {dup} duplicated, {corrupt} undecodable")
            base += REQUESTS
        clients = [c for c in mon.clients() if c.get("cmd") not in ("client|list", "psubscribe")]
        emitters = [c for c in clients if c.get("name", "") == "" and c.get("sub", "0") == "0" and c.get("psub", "0") == "0"]
        check(f"at most one Redis connection per thread ({THREADS} threads)", 1 <= len(emitters) <= THREADS,
              f"{len(emitters)} emitter connections open"
              + ("" if len(emitters) <= THREADS else f": {[(c.get('addr'), c.get('cmd'), c.get('age')) for c in emitters]}"))
        errlog = os.path.join(tmp, "error.log")
        text = open(errlog, errors="replace").read() if os.path.exists(errlog) else ""
        bad = [l for l in text.splitlines() if "Segmentation" in l or "exit signal" in l or "PHP Fatal" in l or "panicked" in l]
        check("no crash, panic or fatal error in Apache's error log", not bad, f"{len(bad)} lines {bad[:3]}")
    finally:
        pid_file = os.path.join(tmp, "httpd.pid")
        if os.path.exists(pid_file):
            subprocess.run(["apache2", "-f", os.path.join(tmp, "httpd.conf"), "-k", "stop"], capture_output=True)
            for _ in range(50):
                if not os.path.exists(pid_file):
                    break
                time.sleep(0.1)
        F.cleanup()
        if not os.environ.get("KEEP_TMP"):
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001
        print(f"FAIL threads.py: {e!r}")
        print(f"{passed} passed, {failed + 1} failed")
        sys.exit(1)
    sys.exit(0 if failed == 0 and passed > 0 else 1)
