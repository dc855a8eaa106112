"""Helpers of the fault-injection suite (python3 stdlib only).

RESP client and reconnecting PSUBSCRIBE subscriber, a minimal msgpack decoder,
a FastCGI client, and a registry of every process the suite starts so that
each one is ended by its pid (never by name) whatever happens.
"""

import os
import signal
import socket
import ssl
import struct
import subprocess
import threading
import time

# ---------------------------------------------------------------- processes

_STARTED = []  # subprocess.Popen objects, ended in reverse order by cleanup()
_EXTRA_PIDS = []  # (pid, parent pid) of php-fpm workers seen, checked before any kill


def spawn(args, **kw):
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(args, **kw)
    _STARTED.append(p)
    return p


def remember_child(pid, ppid):
    _EXTRA_PIDS.append((pid, ppid))


def _ppid(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def stop(p, sig=signal.SIGTERM, timeout=5.0):
    """Ends one started process (continues it first: it may be SIGSTOPped)."""
    if p.poll() is not None:
        return
    try:
        os.kill(p.pid, signal.SIGCONT)
        os.kill(p.pid, sig)
    except ProcessLookupError:
        return
    try:
        p.wait(timeout)
    except subprocess.TimeoutExpired:
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            pass


def cleanup():
    for p in reversed(_STARTED):
        stop(p)
    # php-fpm workers end with their master; kill a leftover only if it is
    # still the child of the master we started (pid not reused by someone else).
    for pid, ppid in _EXTRA_PIDS:
        if _ppid(pid) == ppid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- RESP


class RespError(Exception):
    pass


def encode_command(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        if isinstance(a, str):
            a = a.encode()
        elif isinstance(a, int):
            a = str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


class RespReader:
    """Incremental RESP2 parser over a socket; a recv timeout keeps the buffer."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _parse(self, pos):
        # returns (value, new_pos) or None if incomplete
        end = self.buf.find(b"\r\n", pos)
        if end < 0:
            return None
        kind, line = self.buf[pos:pos + 1], self.buf[pos + 1:end]
        pos = end + 2
        if kind == b"+":
            return line.decode(errors="replace"), pos
        if kind == b"-":
            return RespError(line.decode(errors="replace")), pos
        if kind == b":":
            return int(line), pos
        if kind == b"$":
            n = int(line)
            if n < 0:
                return None, pos
            if len(self.buf) < pos + n + 2:
                return None
            return self.buf[pos:pos + n], pos + n + 2
        if kind == b"*":
            n = int(line)
            if n < 0:
                return None, pos
            items = []
            for _ in range(n):
                r = self._parse(pos)
                if r is None:
                    return None
                items.append(r[0])
                pos = r[1]
            return items, pos
        raise RespError("protocol error: unexpected byte %r" % kind)

    def read(self):
        while True:
            r = self._parse(0) if self.buf else None
            if r is not None:
                value, pos = r
                self.buf = self.buf[pos:]
                return value
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk


def connect_tcp(port, host="127.0.0.1", timeout=2.0):
    return socket.create_connection((host, port), timeout=timeout)


def connect_unix(path, timeout=2.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(path)
    return s


def connect_tls(port, ca, cert=None, key=None, host="127.0.0.1", timeout=2.0):
    ctx = ssl.create_default_context(cafile=ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    raw = socket.create_connection((host, port), timeout=timeout)
    return ctx.wrap_socket(raw, server_hostname=host)


class Client:
    """A plain RESP client (monitoring connection of the suite)."""

    def __init__(self, connect):
        self.connect = connect
        self.sock = None
        self.reader = None

    def open(self):
        self.close()
        self.sock = self.connect()
        self.sock.settimeout(5.0)
        self.reader = RespReader(self.sock)
        return self

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None

    def cmd(self, *args):
        if self.sock is None:
            self.open()
        self.sock.sendall(encode_command(*args))
        v = self.reader.read()
        if isinstance(v, RespError):
            raise v
        return v

    def info(self, section="stats"):
        text = self.cmd("INFO", section).decode()
        out = {}
        for line in text.splitlines():
            if ":" in line and not line.startswith("#"):
                k, v = line.split(":", 1)
                out[k] = v
        return out

    def clients(self):
        rows = []
        for line in self.cmd("CLIENT", "LIST").decode().splitlines():
            rows.append(dict(kv.split("=", 1) for kv in line.split(" ") if "=" in kv))
        return rows


def wait_ready(connect, timeout=10.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            c = Client(connect).open()
            try:
                if c.cmd("PING") == "PONG":
                    return True
            finally:
                c.close()
        except RespError as e:
            if str(e).startswith("NOAUTH"):  # up, and asking for a password
                return True
            last = e
        except (OSError, EOFError, ssl.SSLError) as e:
            last = e
        time.sleep(0.02)
    raise RuntimeError(f"redis not ready: {last}")


class Subscriber(threading.Thread):
    """PSUBSCRIBEs to `pattern`, records every pmessage, reconnects when dropped."""

    def __init__(self, connect, pattern="socket.io#*", max_seconds=300):
        super().__init__(daemon=True)
        self.connect = connect
        self.pattern = pattern
        self.max_seconds = max_seconds
        self.messages = []  # (channel bytes, payload bytes)
        self.subscriptions = 0  # psubscribe confirmations received (one per (re)connect)
        self.disconnects = 0
        self.cond = threading.Condition()
        self.stopping = threading.Event()

    def run(self):
        deadline = time.monotonic() + self.max_seconds
        while not self.stopping.is_set() and time.monotonic() < deadline:
            try:
                sock = self.connect()
            except (OSError, ssl.SSLError):
                time.sleep(0.01)
                continue
            try:
                sock.settimeout(0.1)
                sock.sendall(encode_command("PSUBSCRIBE", self.pattern))
                reader = RespReader(sock)
                while not self.stopping.is_set() and time.monotonic() < deadline:
                    try:
                        v = reader.read()
                    except (socket.timeout, TimeoutError):
                        continue
                    if isinstance(v, list) and v and v[0] == b"psubscribe":
                        with self.cond:
                            self.subscriptions += 1
                            self.cond.notify_all()
                    elif isinstance(v, list) and len(v) == 4 and v[0] == b"pmessage":
                        with self.cond:
                            self.messages.append((v[2], v[3]))
                            self.cond.notify_all()
            except (OSError, EOFError, RespError, ssl.SSLError):
                pass
            finally:
                try:
                    sock.close()
                except OSError:
                    pass
            with self.cond:
                self.disconnects += 1
            time.sleep(0.01)

    def wait_subscribed(self, count=1, timeout=5.0):
        with self.cond:
            return self.cond.wait_for(lambda: self.subscriptions >= count, timeout)

    def wait_messages(self, count, timeout=5.0):
        with self.cond:
            self.cond.wait_for(lambda: len(self.messages) >= count, timeout)
            return len(self.messages)

    def snapshot(self):
        with self.cond:
            return list(self.messages)

    def stop(self):
        self.stopping.set()
        self.join(2)


# ---------------------------------------------------------------- msgpack


class MsgpackError(Exception):
    pass


def msgpack_decode(data):
    """Decodes one msgpack value that must span all of `data`."""
    value, pos = _mp(data, 0)
    if pos != len(data):
        raise MsgpackError(f"{len(data) - pos} trailing bytes")
    return value


def _take(data, pos, n):
    if pos + n > len(data):
        raise MsgpackError("truncated")
    return data[pos:pos + n], pos + n


def _mp(data, pos):
    if pos >= len(data):
        raise MsgpackError("truncated")
    b = data[pos]
    pos += 1
    if b <= 0x7F:
        return b, pos
    if b >= 0xE0:
        return b - 0x100, pos
    if 0x80 <= b <= 0x8F:
        return _map(data, pos, b & 0x0F)
    if 0x90 <= b <= 0x9F:
        return _arr(data, pos, b & 0x0F)
    if 0xA0 <= b <= 0xBF:
        raw, pos = _take(data, pos, b & 0x1F)
        return raw.decode("utf-8"), pos
    fixed = {
        0xCC: ">B", 0xCD: ">H", 0xCE: ">I", 0xCF: ">Q",
        0xD0: ">b", 0xD1: ">h", 0xD2: ">i", 0xD3: ">q",
        0xCA: ">f", 0xCB: ">d",
    }
    if b == 0xC0:
        return None, pos
    if b == 0xC2:
        return False, pos
    if b == 0xC3:
        return True, pos
    if b in fixed:
        fmt = fixed[b]
        raw, pos = _take(data, pos, struct.calcsize(fmt))
        return struct.unpack(fmt, raw)[0], pos
    lens = {0xD9: (">B", "str"), 0xDA: (">H", "str"), 0xDB: (">I", "str"),
            0xC4: (">B", "bin"), 0xC5: (">H", "bin"), 0xC6: (">I", "bin"),
            0xDC: (">H", "arr"), 0xDD: (">I", "arr"), 0xDE: (">H", "map"), 0xDF: (">I", "map")}
    if b in lens:
        fmt, kind = lens[b]
        raw, pos = _take(data, pos, struct.calcsize(fmt))
        n = struct.unpack(fmt, raw)[0]
        if kind == "arr":
            return _arr(data, pos, n)
        if kind == "map":
            return _map(data, pos, n)
        raw, pos = _take(data, pos, n)
        return (raw.decode("utf-8") if kind == "str" else bytes(raw)), pos
    raise MsgpackError("unsupported type byte 0x%02x" % b)


def _arr(data, pos, n):
    out = []
    for _ in range(n):
        v, pos = _mp(data, pos)
        out.append(v)
    return out, pos


def _map(data, pos, n):
    out = {}
    for _ in range(n):
        k, pos = _mp(data, pos)
        v, pos = _mp(data, pos)
        out[k] = v
    return out, pos


def event_id(payload):
    """[uid, {type: 2, data: [event, id], nsp}, opts] -> id; raises on anything else."""
    msg = msgpack_decode(payload)
    if not (isinstance(msg, list) and len(msg) == 3 and isinstance(msg[1], dict)):
        raise MsgpackError("not a broadcast envelope")
    packet = msg[1]
    if packet.get("type") != 2:
        raise MsgpackError("packet type is not EVENT")
    data = packet.get("data")
    if not (isinstance(data, list) and len(data) >= 2 and isinstance(data[1], str)):
        raise MsgpackError("data is not [event, id]")
    return data[1]


def tally(messages):
    """(count per id, corrupt count) of recorded (channel, payload) pairs."""
    counts = {}
    corrupt = 0
    for _channel, payload in messages:
        try:
            i = event_id(payload)
        except (MsgpackError, UnicodeDecodeError, ValueError):
            corrupt += 1
            continue
        counts[i] = counts.get(i, 0) + 1
    return counts, corrupt


# ---------------------------------------------------------------- FastCGI

FCGI_BEGIN, FCGI_END, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7


def _record(kind, content, req_id=1):
    pad = (-len(content)) % 8
    return struct.pack(">BBHHBx", 1, kind, req_id, len(content), pad) + content + b"\0" * pad


def _nv(name, value):
    name, value = name.encode(), value.encode()
    out = b""
    for n in (len(name), len(value)):
        out += bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    return out + name + value


def fcgi_get(port, script, query="", timeout=10.0, with_head=False):
    """One GET through FastCGI; returns (body bytes, stderr bytes) (+ the CGI
    header block when `with_head`)."""
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
        "REQUEST_METHOD": "GET", "SCRIPT_FILENAME": script,
        "SCRIPT_NAME": "/" + os.path.basename(script), "REQUEST_URI": "/" + os.path.basename(script) + "?" + query,
        "DOCUMENT_ROOT": os.path.dirname(script),
        "QUERY_STRING": query, "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "CONTENT_LENGTH": "0",
    }
    body = b"".join(_nv(k, v) for k, v in params.items())
    msg = (_record(FCGI_BEGIN, struct.pack(">HB5x", 1, 0)) + _record(FCGI_PARAMS, body)
           + _record(FCGI_PARAMS, b"") + _record(FCGI_STDIN, b""))
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(msg)
        buf = b""
        out, err = [], []
        while True:
            while len(buf) >= 8:
                _v, kind, _rid, clen, pad = struct.unpack(">BBHHBx", buf[:8])
                if len(buf) < 8 + clen + pad:
                    break
                content = buf[8:8 + clen]
                buf = buf[8 + clen + pad:]
                if kind == FCGI_STDOUT:
                    out.append(content)
                elif kind == FCGI_STDERR:
                    err.append(content)
                elif kind == FCGI_END:
                    raw = b"".join(out)
                    head, sep, rest = raw.partition(b"\r\n\r\n")
                    if with_head:
                        return (rest if sep else raw), b"".join(err), (head if sep else b"")
                    return (rest if sep else raw), b"".join(err)
            chunk = s.recv(65536)
            if not chunk:
                raise EOFError("FastCGI connection closed before END_REQUEST")
            buf += chunk
