"use strict";
// Shared helpers for conformance.js and e2e.js: a throw-away Redis, running
// PHP with the extension, value normalisation and a pass/fail reporter.
//
// Everything here is loopback only and bounded in time; every child process
// we spawn is registered and killed when this process exits, whatever the
// reason (normal end, exception, SIGINT/SIGTERM, watchdog).

const net = require("net");
const path = require("path");
const crypto = require("crypto");
const { spawn } = require("child_process");

const HOST = "127.0.0.1";
const REPO_ROOT = path.resolve(__dirname, "..", "..");
const EXT = process.env.SOCKETIO_EXT || path.join(REPO_ROOT, "target", "release", "libsocketio_emitter.so");
const PHP = process.env.PHP_BIN || "php";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Poll `fn` every 10 ms until it returns true or `ms` elapsed.
async function waitUntil(fn, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await sleep(10);
  }
  return fn();
}

// ---------------------------------------------------------------------------
// child processes: all of them are killed on exit
const children = new Set();
function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}
function killAll() {
  for (const c of children) {
    try { c.kill("SIGKILL"); } catch (e) { /* already gone */ }
  }
  children.clear();
}
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`received ${sig}, cleaning up`);
    process.exit(1); // 'exit' handler kills the children
  });
}

// A hard upper bound for the whole script: if anything hangs we still print a
// result line, clean up and fail.
function watchdog(ms, onFire) {
  const t = setTimeout(() => {
    console.error(`WATCHDOG: still running after ${ms} ms, aborting`);
    try { onFire && onFire(); } catch (e) { /* ignore */ }
    process.exit(1);
  }, ms);
  t.unref();
  return t;
}

// ---------------------------------------------------------------------------
// Redis
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, HOST);
    const done = (ok) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(500, () => done(false));
    sock.once("error", () => done(false));
    sock.once("data", (d) => done(d.toString().startsWith("+PONG")));
    sock.write("*1\r\n$4\r\nPING\r\n");
  });
}

// Use $REDIS_PORT if given (someone else's Redis: we never stop it), otherwise
// start a private, non-persistent redis-server on a free loopback port.
async function startRedis() {
  if (process.env.REDIS_PORT) {
    const port = parseInt(process.env.REDIS_PORT, 10);
    if (!(await ping(port))) throw new Error(`no Redis answering on ${HOST}:${port} (REDIS_PORT)`);
    return { port, owned: false, stop: async () => {} };
  }
  const port = await freePort();
  const child = track(spawn("redis-server", [
    "--port", String(port), "--bind", HOST, "--save", "", "--appendonly", "no",
  ], { stdio: ["ignore", "ignore", "inherit"] }));
  let exited = false;
  child.once("exit", () => { exited = true; });
  child.once("error", (e) => { exited = true; console.error("cannot start redis-server:", e.message); });
  const end = Date.now() + 5000;
  while (Date.now() < end && !exited) {
    if (await ping(port)) {
      return {
        port, owned: true,
        stop: async () => {
          if (exited) return;
          child.kill("SIGTERM");
          if (!(await waitUntil(() => exited, 2000))) child.kill("SIGKILL");
        },
      };
    }
    await sleep(50);
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on port ${port}`);
}

// ---------------------------------------------------------------------------
// PHP
// Runs `php -n` (no php.ini, so nothing else interferes) with only our
// extension loaded and the DSN pointing at the test Redis. Resolves with
// {code, signal, stdout, stderr, timedOut}; never rejects, never hangs.
function runPhp(script, args, { port, timeoutMs = 20000, ini = {} } = {}) {
  const iniArgs = ["-d", `extension=${EXT}`, "-d", `socketio_emitter.dsn=redis://${HOST}:${port}`];
  for (const [k, v] of Object.entries(ini)) iniArgs.push("-d", `${k}=${v}`);
  return new Promise((resolve) => {
    const child = track(spawn(PHP, ["-n", ...iniArgs, script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: Object.assign({}, process.env, { REDIS_DSN: `redis://${HOST}:${port}` }),
    }));
    const out = [], err = [];
    let timedOut = false;
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
    child.once("error", (e) => err.push(Buffer.from(String(e))));
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

// Lines of the form "@@ <json>" printed by our PHP scripts (anything else on
// stdout, e.g. a PHP warning, is kept for diagnostics but ignored).
function phpRecords(stdout) {
  return stdout.split("\n").filter((l) => l.startsWith("@@ ")).map((l) => JSON.parse(l.slice(3)));
}

function describePhpFailure(r) {
  const bits = [];
  if (r.timedOut) bits.push("TIMED OUT");
  if (r.signal) bits.push(`killed by ${r.signal}`);
  else if (r.code !== 0) bits.push(`exit code ${r.code}`);
  const tail = (s) => s.trim().split("\n").slice(-6).join(" | ");
  if (r.stderr.trim()) bits.push(`stderr: ${tail(r.stderr)}`);
  const other = r.stdout.split("\n").filter((l) => l.trim() && !l.startsWith("@@ ")).join("\n");
  if (other.trim()) bits.push(`stdout: ${tail(other)}`);
  return bits.join("; ");
}

// ---------------------------------------------------------------------------
// values
// Make received/decoded values comparable: binary (Buffer, ArrayBuffer, typed
// arrays) becomes {$bin: hex}, Date becomes {$date: iso} -- the same
// conventions as golden-vectors.json "decoded". Huge strings/binaries are
// replaced by their length and sha256 so logs stay small.
const BIG = 64 * 1024;
function digest(buf) {
  return { sha256: crypto.createHash("sha256").update(buf).digest("hex"), len: buf.length };
}
function norm(v, opts = { digest: true }) {
  const big = (n) => opts.digest && n > BIG;
  if (Buffer.isBuffer(v)) return big(v.length) ? { $binDigest: digest(v) } : { $bin: v.toString("hex") };
  if (v instanceof ArrayBuffer) return norm(Buffer.from(v), opts);
  if (ArrayBuffer.isView(v)) return norm(Buffer.from(v.buffer, v.byteOffset, v.byteLength), opts);
  if (v instanceof Date) return { $date: v.toISOString() };
  if (typeof v === "string" && big(v.length)) return { $strDigest: digest(Buffer.from(v, "utf8")) };
  if (Array.isArray(v)) return v.map((x) => norm(x, opts));
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = norm(v[k], opts);
    return o;
  }
  return v;
}

// Deep equality that also checks object key ORDER (so a flags map written
// {compress, volatile} is not equal to {volatile, compress}) and compares
// numbers with Object.is (1 vs 1.0 is the same JS number anyway).
function deepEqual(a, b) {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
}

const short = (x, n = 200) => {
  const s = typeof x === "string" ? x : JSON.stringify(x);
  return s.length > n ? s.slice(0, n) + `...(${s.length} chars)` : s;
};

// ---------------------------------------------------------------------------
// reporting
function reporter() {
  const r = { passed: 0, failed: 0, verbose: process.argv.includes("-v") || !!process.env.VERBOSE };
  // failures: array of strings, empty = pass
  r.check = (name, failures, note = "") => {
    if (failures.length === 0) {
      r.passed++;
      if (r.verbose) console.log(`  PASS ${name}${note ? "  (" + note + ")" : ""}`);
    } else {
      r.failed++;
      console.log(`  FAIL ${name}${note ? "  (" + note + ")" : ""}\n       - ${failures.join("\n       - ")}`);
    }
  };
  r.info = (msg) => console.log(`  INFO ${msg}`);
  // The final line is parsed by run.sh: keep it exactly "N passed, N failed".
  r.finish = () => {
    console.log(`${r.passed} passed, ${r.failed} failed`);
    return r.failed > 0 || r.passed === 0 ? 1 : 0;
  };
  return r;
}

// ---------------------------------------------------------------------------
// A socket.io-client socket to `port`/`nsp` (websocket, no reconnection) that
// joins `rooms` through its handshake auth and logs every event it gets
// ({ev, args} normalised) and every disconnect reason; closed by `closers`.
function connectClient(io, port, nsp, rooms, closers) {
  const socket = io(`http://${HOST}:${port}${nsp}`, { forceNew: true, transports: ["websocket"], reconnection: false, auth: { rooms } });
  const c = { socket, log: [], disconnects: [] };
  socket.onAny((ev, ...args) => c.log.push({ ev, args: norm(args) }));
  socket.on("disconnect", (reason) => c.disconnects.push(reason));
  closers.push(() => socket.close());
  return c;
}

// Runs the closers newest first, each given at most 1 s; one that throws is
// passed over. They are removed from the list, so a second call does nothing.
async function closeAll(closers) {
  for (const c of closers.splice(0).reverse()) {
    try { await Promise.race([Promise.resolve(c()), sleep(1000)]); } catch (_) { /* closing */ }
  }
}

// A socket.io server (`Server` of the caller's socket.io) on a free loopback
// port with `adapter`: in "/" and each of `nsps`, sockets join the rooms of
// their handshake auth; `onServerSide(args)` gets the "s_server" events of
// serverSideEmit. Resolves {io, port}; `closers` gets io.close().
async function startIoServer(Server, adapter, nsps, onServerSide, closers) {
  const httpServer = require("http").createServer();
  const io = new Server(httpServer, { adapter });
  closers.push(() => io.close());
  const join = (socket) => { for (const r of (socket.handshake.auth.rooms || [])) socket.join(r); };
  io.on("connection", join);
  for (const nsp of nsps) io.of(nsp).on("connection", join);
  io.on("s_server", (...args) => onServerSide(norm(args)));
  await new Promise((r) => httpServer.listen(0, HOST, r));
  return { io, port: httpServer.address().port };
}

module.exports = {
  HOST, connectClient, closeAll, startIoServer, EXT, PHP, REPO_ROOT, sleep, waitUntil, track, killAll, watchdog,
  startRedis, runPhp, phpRecords, describePhpFailure, norm, deepEqual, short, digest, reporter,
};
