"use strict";
// Property test of the PHP -> msgpack encoder (see README.md here).
//
//   node check.js            SEED=<n> replays a run, COUNT=<n> values (default 50000),
//                            SAMPLE=<n> values through socket.io (default 300), -v prints every failure
//
// gen.php builds random values, computes what each must arrive as and emits it
// to the room "p<i>" (so the channel names the value even when its payload
// cannot be decoded). We PSUBSCRIBE socket.io#* on a raw RESP connection,
// decode every payload with notepack.io (the adapter's decoder) and compare.
// Rule per value: the decoded value equals the expectation, or the emit threw
// (allowed only where the model says it must throw) and nothing was
// published for it. One check per value; then a sample goes through a real
// socket.io 4.8 server on the Redis adapter to a socket.io-client.
const path = require("path");
const net = require("net");
const { spawn } = require("child_process");
const E2E = path.join(__dirname, "..", "e2e");
const L = require(path.join(E2E, "lib.js"));
const notepack = require(path.join(E2E, "node_modules", "notepack.io"));
const ioc = require(path.join(E2E, "node_modules", "socket.io-client"));

const SEED = process.env.SEED !== undefined && process.env.SEED !== "" ? parseInt(process.env.SEED, 10) : Math.floor(Math.random() * 2 ** 31);
const COUNT = parseInt(process.env.COUNT || "50000", 10);
const SAMPLE = parseInt(process.env.SAMPLE || "300", 10);
const PROCS = 2; // two PHP generators in parallel, each on its own half
const VERBOSE = process.argv.includes("-v");
const GEN = path.join(__dirname, "gen.php");
// What an emit may throw: our exception, PHP's type errors, and the generator's
// own exception thrown by a jsonSerialize() on purpose (it must propagate).
const ALLOWED_THROWS = /^(SocketIO\\Exception|TypeError|ValueError|GenError):/;
const JS_DATE_LIMIT = 8640000000000000n;

L.watchdog(400000, () => console.log(`seed ${SEED}\n0 passed, 1 failed`));
console.log(`seed ${SEED} (replay: SEED=${SEED} bash tests/property/run.sh; one value: see README.md)`);

const counts = { emitted: 0, encoded: 0, threw: 0, equal: 0, mismatched: 0, undecodable: 0, missing: 0, unexpectedThrow: 0, publishedWhenThrew: 0, extra: 0 };
const byKind = {};
const failures = [];
let passed = 0;
let failed = 0;

// `why` is a function when the text is costly: it is built only if printed.
// The first few failures of each category are printed (all with -v).
const shownPer = {};
const firstOf = {};
function fail(i, kind, why, category = "other") {
  failed++;
  for (const tag of kind.split("+")) (byKind[tag] = byKind[tag] || { failed: 0 }).failed++;
  failures.push(i);
  if (!(category in firstOf) || i < firstOf[category]) firstOf[category] = i;
  shownPer[category] = (shownPer[category] || 0) + 1;
  if (VERBOSE || shownPer[category] <= 4) {
    console.log(`  FAIL value ${i} (${kind}), seed ${SEED}: ${typeof why === "function" ? why() : why}\n       replay: php -n -d extension=$SOCKETIO_EXT tests/property/gen.php ${SEED} show ${i}`);
  }
}
function pass(kind) {
  passed++;
}

// ---------------------------------------------------------------------------
// Expectations: tagged JSON from gen.php -> what notepack.io must give (normalised as L.norm does).
function dateToJson(unixDotMicros) {
  const [s, us] = unixDotMicros.split(".");
  const ms = BigInt(s) * 1000n + BigInt(us.slice(0, 3));
  // The model throws for a date outside JS's range (README): one here is a model bug, and matches nothing.
  if (ms > JS_DATE_LIMIT || ms < -JS_DATE_LIMIT) return `<model error: date ${unixDotMicros} is outside JS's range>`;
  return new Date(Number(ms)).toJSON();
}
// Resolves tags: the value notepack.io must give.
function resolve(x) {
  if (Array.isArray(x)) return x.map(resolve);
  if (x && typeof x === "object") {
    const keys = Object.keys(x);
    if (keys.length === 1 && keys[0] === "$bin") return { $bin: x.$bin };
    if (keys.length === 1 && keys[0] === "$date") return dateToJson(x.$date);
    const o = {};
    for (const k of keys) o[k] = resolve(x[k]);
    return o;
  }
  return x;
}
// L.deepEqual, with key order and -0 distinct from 0.
function matches(exp, got) {
  if (typeof exp === "number" && typeof got === "number") return Object.is(exp, got);
  if (exp === null || got === null || typeof exp !== "object" || typeof got !== "object") return exp === got;
  if (Array.isArray(exp) !== Array.isArray(got)) return false;
  if (Array.isArray(exp)) return exp.length === got.length && exp.every((x, i) => matches(x, got[i]));
  const ke = Object.keys(exp), kg = Object.keys(got);
  return ke.length === kg.length && ke.every((k, i) => k === kg[i] && matches(exp[k], got[k]));
}

// ---------------------------------------------------------------------------
// Raw RESP subscriber (buffers, nothing re-encoded).
function subscriber(port) {
  return new Promise((resolveSub, reject) => {
    const sock = net.connect(port, L.HOST);
    const sub = { onMessage: null, bytes: 0, closed: false };
    let buf = Buffer.alloc(0);
    let ready = false;
    sock.on("error", reject);
    sock.on("close", () => { sub.closed = true; });
    sock.on("connect", () => sock.write("*2\r\n$10\r\nPSUBSCRIBE\r\n$11\r\nsocket.io#*\r\n"));
    // Parses one RESP value at `at`; returns [value, next] or null if incomplete.
    const parse = (at) => {
      const eol = buf.indexOf("\r\n", at);
      if (eol < 0) return null;
      const type = String.fromCharCode(buf[at]);
      const head = buf.toString("latin1", at + 1, eol);
      if (type === "*") {
        const items = [];
        let next = eol + 2;
        for (let k = 0; k < parseInt(head, 10); k++) {
          const r = parse(next);
          if (!r) return null;
          items.push(r[0]);
          next = r[1];
        }
        return [items, next];
      }
      if (type === "$") {
        const n = parseInt(head, 10);
        if (buf.length < eol + 2 + n + 2) return null;
        return [buf.subarray(eol + 2, eol + 2 + n), eol + 2 + n + 2];
      }
      return [head, eol + 2]; // + - :
    };
    sock.on("data", (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      let at = 0;
      for (;;) {
        const r = parse(at);
        if (!r) break;
        at = r[1];
        const [kind, , channel, payload] = r[0];
        const k = kind.toString();
        if (k === "psubscribe" && !ready) { ready = true; resolveSub(sub); }
        if (k === "pmessage") { sub.bytes += payload.length; sub.onMessage(channel.toString("latin1"), Buffer.from(payload)); }
      }
      buf = at === buf.length ? Buffer.alloc(0) : buf.subarray(at);
    });
    sub.close = () => sock.destroy();
  });
}

const hex = (b) => (b.length > 2048 ? b.subarray(0, 2048).toString("hex") + `...(${b.length} bytes)` : b.toString("hex"));

// Records kept for the socket.io sample: the first mutating ones and every n-th other.
const sampleRecs = new Map();
let sampleMutating = 0;
const SAMPLE_EVERY = Math.max(1, Math.floor(COUNT / Math.max(1, SAMPLE)));
// Values with more than max_attachments (10) binaries must throw, so none
// reaches the client (socket.io-parser 4.2.7 in socket.io-client 4.8 would
// drop the connection: "parse error: too many attachments").
function keepForSample(rec) {
  const wanted = rec.kind.includes("mut-") ? sampleMutating < SAMPLE / 3 : rec.i % SAMPLE_EVERY === 0;
  if (!wanted) return;
  if (rec.kind.includes("mut-")) sampleMutating++;
  sampleRecs.set(rec.i, rec);
}

// One value: its record from gen.php and the messages published on its channel.
const tagCounts = {}; // tag -> {n, threw}
function check(rec, msgs) {
  const kind = rec.kind;
  for (const tag of kind.split("+")) {
    const t = (tagCounts[tag] = tagCounts[tag] || { n: 0, threw: 0 });
    t.n++;
    if (rec.threw !== null) t.threw++;
  }
  if (SAMPLE > 0) keepForSample(rec);
  if (rec.threw !== null) {
    counts.threw++;
    if (msgs.length) { counts.publishedWhenThrew++; return fail(rec.i, kind, () => `emit threw (${rec.threw}) but ${msgs.length} message(s) were published: ${hex(msgs[0])}`, "published although it threw"); }
    if (!ALLOWED_THROWS.test(rec.threw)) { counts.unexpectedThrow++; return fail(rec.i, kind, () => `emit threw an exception of the wrong class: ${rec.threw.slice(0, 300)}`, "wrong exception class"); }
    if (!rec.mustThrow) { counts.unexpectedThrow++; return fail(rec.i, kind, () => `emit threw but the value is sendable: ${rec.threw.slice(0, 300)}; expected ${L.short(rec.exp, 300)}`, "threw on a sendable value"); }
    return pass(kind);
  }
  counts.encoded++;
  if (msgs.length !== 1) { counts.missing++; return fail(rec.i, kind, () => `emit returned but ${msgs.length} messages arrived`, "missing"); }
  const payload = msgs[0];
  let decoded;
  try {
    decoded = notepack.decode(payload);
  } catch (e) {
    counts.undecodable++;
    return fail(rec.i, kind, `payload does not decode with notepack.io (${e.message}): ${hex(payload)}`, "undecodable");
  }
  const env = Array.isArray(decoded) && decoded.length === 3 && decoded[1] && decoded[1].type === 2 && decoded[1].nsp === "/"
    && Array.isArray(decoded[1].data) && decoded[1].data.length === 2 && decoded[1].data[0] === "prop"
    && decoded[2] && L.deepEqual(decoded[2].rooms, [`p${rec.i}`]) && L.deepEqual(decoded[2].except, []) && L.deepEqual(decoded[2].flags, {});
  if (!env) { counts.mismatched++; return fail(rec.i, kind, () => `envelope is not [uid, {type:2, data:["prop", v], nsp:"/"}, opts]: ${L.short(L.norm(decoded), 400)}; hex ${hex(payload)}`, "bad envelope"); }
  const got = L.norm(decoded[1].data[1], { digest: false });
  if (rec.mustThrow) { counts.mismatched++; return fail(rec.i, kind, () => `should have thrown, published ${L.short(got, 300)}`, "published an unsendable value"); }
  const exp = resolve(rec.exp);
  if (!matches(exp, got)) { counts.mismatched++; return fail(rec.i, kind, () => `decoded ${L.short(got, 400)}\n         expected ${L.short(exp, 400)}; hex ${hex(payload)}`, "mismatched"); }
  counts.equal++;
  return pass(kind);
}

// ---------------------------------------------------------------------------
function startGen(port, args) {
  const child = L.track(spawn(L.PHP, ["-n", "-d", `extension=${L.EXT}`, "-d", `socketio_emitter.dsn=redis://${L.HOST}:${port}`, GEN, String(SEED), ...args],
    { stdio: ["pipe", "pipe", "pipe"] }));
  child.stderrText = "";
  child.stderr.on("data", (d) => { child.stderrText += d; });
  child.exited = new Promise((r) => child.once("close", (code, signal) => r({ code, signal })));
  return child;
}

async function propertyRun(redis, sub) {
  const per = Math.ceil(COUNT / PROCS);
  const recs = new Map(); // i -> record waiting for its message
  const msgs = new Map(); // i -> [payload]
  const done = new Set(); // i checked
  const waiting = []; // {upTo, child}: GO once every published value <= upTo arrived
  const stray = [];
  // Per generator: published values whose message has not arrived yet. A
  // generator blocks after each "S" line, so once this is 0 its batch is done.
  const owed = new Map();
  const lane = (i) => Math.floor(i / per);
  const settle = (i) => {
    const rec = recs.get(i);
    if (!rec) return;
    const m = msgs.get(i) || [];
    if (rec.threw === null && m.length === 0) return; // not arrived yet
    recs.delete(i);
    msgs.delete(i);
    done.add(i);
    if (rec.threw === null && rec.owed) owed.set(lane(i), owed.get(lane(i)) - 1);
    check(rec, m);
  };
  const release = () => {
    for (let k = waiting.length - 1; k >= 0; k--) {
      const w = waiting[k];
      const late = Date.now() > w.deadline;
      if (owed.get(w.lane) > 0 && !late) continue;
      if (late) for (const [i, r] of recs) if (lane(i) === w.lane && r.threw === null) settleMissing(i);
      waiting.splice(k, 1);
      w.child.stdin.write("GO\n");
    }
  };
  const settleMissing = (i) => {
    const r = recs.get(i);
    recs.delete(i);
    done.add(i);
    owed.set(lane(i), owed.get(lane(i)) - 1);
    check(r, []);
  };
  sub.onMessage = (channel, payload) => {
    const m = /^socket\.io#\/#p(\d+)#$/.exec(channel);
    if (!m) { stray.push([channel, payload]); return; }
    const i = parseInt(m[1], 10);
    if (done.has(i)) { counts.extra++; fail(i, "?", `a message arrived after value ${i} was checked: ${hex(payload)}`); return; }
    (msgs.get(i) || msgs.set(i, []).get(i)).push(payload);
    settle(i);
    if (waiting.length) release();
  };
  const gens = [];
  for (let p = 0; p < PROCS; p++) {
    const lo = p * per, n = Math.min(per, COUNT - lo);
    if (n <= 0) break;
    const child = startGen(redis.port, [String(lo), String(n)]);
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
      let nl, from = 0;
      while ((nl = text.indexOf("\n", from)) >= 0) {
        const line = text.slice(from, nl);
        from = nl + 1;
        if (line.startsWith("E ")) {
          const rec = JSON.parse(line.slice(2));
          counts.emitted++;
          recs.set(rec.i, rec);
          if (rec.threw === null) { rec.owed = true; owed.set(lane(rec.i), (owed.get(lane(rec.i)) || 0) + 1); }
          settle(rec.i);
        } else if (line.startsWith("S ")) {
          waiting.push({ child, lane: p, deadline: Date.now() + 10000 });
          release();
        } else if (line.trim()) {
          console.log(`  gen.php: ${line.slice(0, 300)}`);
        }
      }
      text = text.slice(from);
    });
    gens.push(child);
  }
  const timer = setInterval(release, 200); // deadlines of messages that never come
  const results = await Promise.all(gens.map((g) => g.exited));
  clearInterval(timer);
  await L.sleep(200); // any late (duplicate) message
  for (const [, r] of recs) check(r, msgs.get(r.i) || []);
  results.forEach((r, k) => {
    if (r.code !== 0) { failed++; console.log(`  FAIL gen.php #${k} exited with ${r.code ?? r.signal}: ${gens[k].stderrText.trim().split("\n").slice(-5).join(" | ")}`); }
  });
  for (const [channel, payload] of stray) fail(-1, "?", `message on an unexpected channel ${channel}: ${hex(payload)}`);
}

// ---------------------------------------------------------------------------
// A sample through a real socket.io 4.8 server (own process, so a crash shows)
// to a socket.io-client in the room "sample".
async function socketioSample(redis, indices, recsByIndex) {
  const server = L.track(spawn(process.execPath, [path.join(__dirname, "server.js"), String(redis.port)], { stdio: ["ignore", "pipe", "pipe"] }));
  let out = "", err = "";
  server.stdout.on("data", (d) => { out += d; });
  server.stderr.on("data", (d) => { err += d; });
  let exit = null;
  server.once("close", (code, signal) => { exit = { code, signal }; });
  if (!(await L.waitUntil(() => /READY \d+/.test(out) || exit, 10000)) || exit) {
    failed++;
    console.log(`  FAIL socket.io server did not start: ${err.slice(-500)}`);
    return;
  }
  const port = /READY (\d+)/.exec(out)[1];
  const client = ioc(`http://${L.HOST}:${port}`, { forceNew: true, transports: ["websocket"], reconnection: false, timeout: 5000 });
  const got = new Map();
  let finished = false, dropped = null;
  let last = null;
  client.on("prop", (i, v) => { got.set(i, v); last = i; });
  client.on("sample-done", () => { finished = true; });
  client.on("disconnect", (reason, desc) => { dropped = reason + (desc && desc.message ? `: ${desc.message}` : ""); });
  if (!(await L.waitUntil(() => client.connected, 5000))) {
    failed++;
    console.log("  FAIL socket.io-client did not connect");
    client.close();
    return;
  }
  await L.waitUntil(() => /JOINED/.test(out), 5000);
  const gen = startGen(redis.port, ["sample", indices.join(",")]);
  let genOut = "";
  gen.stdout.on("data", (d) => { genOut += d; });
  const r = await gen.exited;
  await L.waitUntil(() => finished || exit || dropped, 10000);
  await L.sleep(300); // a crash right after the last message
  const threw = new Map();
  for (const line of genOut.split("\n")) {
    const m = /^T (\d+) (.*)$/.exec(line);
    if (m) threw.set(parseInt(m[1], 10), JSON.parse(m[2]));
  }
  let ok = 0, bad = 0, badNotes = [];
  for (const i of indices) {
    const rec = recsByIndex.get(i);
    const t = threw.get(i);
    let why = null;
    if (t === undefined) why = "gen.php did not report it";
    else if (t !== null) { if (got.has(i)) why = `threw (${t}) yet the client got it`; }
    else if (!got.has(i)) why = "published, but the client did not receive it";
    else if (rec.exp !== null) {
      // Over socket.io's JSON, -0 arrives as 0; binary as Buffer.
      const exp = JSON.parse(JSON.stringify(resolve(rec.exp)));
      const v = JSON.parse(JSON.stringify(L.norm(got.get(i), { digest: false })));
      if (!matches(exp, v)) why = `client got ${L.short(v, 200)}, expected ${L.short(exp, 200)}`;
    }
    if (why) { bad++; badNotes.push(`value ${i} (${rec.kind}): ${why}`); } else ok++;
  }
  const mutating = indices.filter((i) => recsByIndex.get(i).kind.includes("mut-")).length;
  const alive = exit === null && !dropped;
  console.log(`  socket.io sample: ${indices.length} values (${mutating} with a mutating jsonSerialize()), ${got.size} received by the client, ${ok} as expected; server ${alive ? "alive" : `DIED (${exit ? `exit ${exit.code ?? exit.signal}` : `client disconnected: ${dropped}`})`}; sample-done ${finished ? "received" : "NOT received"}`);
  if (!alive) console.log(`  the last value the client received: ${last}; sent (replay: gen.php ${SEED} sample <list>): ${indices.join(",")}`);
  if (!alive && err.trim()) console.log(`  server stderr: ${err.trim().split("\n").slice(0, 8).join("\n    ")}`);
  for (const n of badNotes.slice(0, 8)) console.log(`  FAIL socket.io sample, seed ${SEED}: ${n}`);
  passed += ok;
  failed += bad;
  if (alive && finished) passed++; else { failed++; console.log("  FAIL socket.io sample: the server must survive and the client get every event and sample-done"); }
  if (r.code !== 0) { failed++; console.log(`  FAIL gen.php sample exited with ${r.code}: ${gen.stderrText.slice(-300)}`); }
  client.close();
  server.kill("SIGTERM");
}

(async () => {
  const t0 = Date.now();
  const redis = await L.startRedis();
  const sub = await subscriber(redis.port);
  await propertyRun(redis, sub);
  if (sub.closed) { failed++; console.log("  FAIL the subscriber was disconnected (Redis output buffer limit?): the pacing did not hold"); }
  const t1 = Date.now();
  const total = counts.emitted;
  console.log(`  values: ${total} emitted in ${((t1 - t0) / 1000).toFixed(1)} s (${Math.round(total / ((t1 - t0) / 1000))}/s), ${(sub.bytes / 1e6).toFixed(1)} MB of payloads received`);
  console.log(`  encoded ${counts.encoded} / threw ${counts.threw} / decoded-equal ${counts.equal} / mismatched ${counts.mismatched} / undecodable ${counts.undecodable} / missing ${counts.missing} / wrong or unexpected exception ${counts.unexpectedThrow} / published although it threw ${counts.publishedWhenThrew + counts.extra}`);
  const tags = Object.keys(tagCounts).sort();
  console.log(`  by kind (values / threw / failed): ${tags.map((t) => `${t} ${tagCounts[t].n}/${tagCounts[t].threw}/${byKind[t] ? byKind[t].failed : 0}`).join(", ")}`);
  const firsts = Object.entries(firstOf).filter(([, i]) => i >= 0).map(([c, i]) => `${c}: value ${i}`).join(", ");
  if (firsts) console.log(`  first failing value per category (replay: gen.php ${SEED} show <i>): ${firsts}`);
  if (!VERBOSE && failures.length > Object.values(shownPer).reduce((a, n) => a + Math.min(n, 4), 0)) console.log("  (not every failure is shown; -v shows all)");
  if (SAMPLE > 0 && sampleRecs.size) {
    const mut = [...sampleRecs.values()].filter((r) => r.kind.includes("mut-")).slice(0, Math.ceil(SAMPLE / 3)).map((r) => r.i);
    const rest = [...sampleRecs.values()].filter((r) => !r.kind.includes("mut-")).slice(0, SAMPLE - mut.length).map((r) => r.i);
    await socketioSample(redis, [...mut, ...rest].sort((a, b) => a - b), sampleRecs);
  }
  sub.close();
  await redis.stop();
  console.log(`seed ${SEED}: ${counts.emitted} values in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
})().catch((e) => {
  console.log(`error: ${e.stack}`);
  console.log(`seed ${SEED}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
