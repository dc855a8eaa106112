"use strict";
// Redis Sentinel end to end: a primary, a replica and three sentinels on free
// loopback ports (data nodes and one extra sentinel with passwords), a PHP
// emitter using redis+sentinel://, and a Socket.IO server (redis-adapter over
// node-redis) that follows the master the way an application must: resolved
// from the sentinels at start, its adapter moved to the new master at
// +switch-master. "Delivered" = its socket.io-client received the event.
//
//   node tests/sentinel/sentinel.js [-v]
//
// Ends with "N passed, N failed"; exit status 1 on any failure.

const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const { spawn } = require("child_process");
const E2E = path.join(__dirname, "..", "e2e");
const L = require(path.join(E2E, "lib.js"));
const need = (m) => require(path.join(E2E, "node_modules", m));
const { Server } = need("socket.io");
const ioc = need("socket.io-client");
const { createAdapter } = need("@socket.io/redis-adapter");
const { createClient } = need("redis");

const HOST = L.HOST;
const MASTER = "mymaster";
const DATA_PW = "data-Secret-1x";
const SENTINEL_PW = "sentinel-Secret-2y";
const SCRIPT = path.join(__dirname, "sentinel.php");
const r = L.reporter();
L.watchdog(170000);
// Commands still queued on the clients of a master we moved away from (or that
// died) are rejected when those clients are dropped: expected, not a failure.
process.on("unhandledRejection", (e) => {
  if (!/Disconnects client|client is closed|Socket closed/i.test(String(e && e.message))) {
    r.check("no unexpected promise rejection", [String((e && e.stack) || e)]);
  }
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sio-sentinel-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

async function freePort() {
  const net = require("net");
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function startProcess(args, name) {
  const child = L.track(spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] }));
  child.stderr.on("data", (d) => process.stderr.write(`[${name}] ${d}`));
  child.exited = false;
  child.once("exit", () => { child.exited = true; });
  return child;
}

async function client(port, password) {
  const c = createClient({ url: `redis://${HOST}:${port}`, password, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  c.on("error", () => {});
  await c.connect();
  return c;
}

async function ask(port, args, password) {
  const c = await client(port, password);
  try { return await c.sendCommand(args); } finally { await c.disconnect().catch(() => {}); }
}

async function waitFor(what, fn, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last === true) return true; } catch (e) { last = e.message; }
    await L.sleep(100);
  }
  throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(last)})`);
}

// Runs sentinel.php; resolves with its "@@" records (and the raw result).
async function php(mode, opts, timeoutMs = 60000) {
  const res = await L.runPhp(SCRIPT, [mode, JSON.stringify(opts)], { port: 1, timeoutMs });
  return { res, records: L.phpRecords(res.stdout) };
}

// Like php("loop"), but calls onStart once the loop prints its first record.
function phpLoop(opts, onStart) {
  return new Promise((resolve) => {
    const args = ["-n", "-d", `extension=${L.EXT}`, SCRIPT, "loop", JSON.stringify(opts)];
    const child = L.track(spawn(L.PHP, args, { stdio: ["ignore", "pipe", "pipe"] }));
    let out = "", err = "", started = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (!started && out.includes("@@ ")) { started = true; onStart(); }
    });
    child.stderr.on("data", (d) => { err += d; });
    const timer = setTimeout(() => child.kill("SIGKILL"), (opts.seconds + 30) * 1000);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: err, records: L.phpRecords(out) });
    });
  });
}

// ---------------------------------------------------------------------------
// The Socket.IO server that follows the master, and its client.
async function followingServer(sentinelPorts) {
  const state = { current: null, pub: null, sub: null, switches: [], received: new Map(), log: [] };
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  state.io = io;
  io.on("connection", (socket) => socket.join("lobby"));

  // Moves the adapter to the master at `port`, keeping the sockets' rooms.
  state.attach = async (port) => {
    if (state.current === port) return;
    state.current = port;
    const pub = await client(port, DATA_PW);
    const sub = pub.duplicate();
    sub.on("error", () => {});
    await sub.connect();
    const nsp = io.of("/");
    const rooms = new Map([...nsp.adapter.sids].map(([id, set]) => [id, new Set(set)]));
    // The old subscription ends first: a message the old master still takes
    // then counts no receiver (an adapter being replaced would count one and
    // deliver nothing, blurring what the emitter did).
    for (const c of [state.sub, state.pub]) if (c) await c.disconnect().catch(() => {});
    io.adapter(createAdapter(pub, sub));
    for (const [id, set] of rooms) nsp.adapter.addAll(id, set);
    state.pub = pub;
    state.sub = sub;
    // Subscribed (PSUBSCRIBE of the broadcast channels) before we go on.
    await waitFor("adapter subscribed", async () => Number(await pub.sendCommand(["PUBSUB", "NUMPAT"])) > 0, 3000);
    state.attachedAt = Date.now();
    state.log.push(`attached to ${port} at ${state.attachedAt}`);
  };

  const first = await ask(sentinelPorts[0], ["SENTINEL", "get-master-addr-by-name", MASTER]);
  await state.attach(Number(first[1]));
  state.watchers = [];
  for (const sp of sentinelPorts) {
    const w = await client(sp);
    state.watchers.push(w);
    await w.subscribe("+switch-master", (message) => {
      const [name, , , , newPort] = message.split(" ");
      if (name !== MASTER) return;
      state.switches.push({ at: Date.now(), to: Number(newPort), from: sp });
      state.attach(Number(newPort)).catch((e) => state.log.push(`attach failed: ${e.message}`));
    });
  }
  await new Promise((res) => httpServer.listen(0, HOST, res));
  const socket = ioc(`http://${HOST}:${httpServer.address().port}`, { forceNew: true, transports: ["websocket"], reconnection: false });
  socket.on("tick", (data) => {
    const k = String(data.seq);
    state.received.set(k, (state.received.get(k) || 0) + 1);
  });
  socket.on("ping", (arg, cb) => cb({ pong: arg }));
  await waitFor("client connected", async () => socket.connected, 5000);
  state.socketId = socket.id;
  state.close = async () => {
    socket.close();
    io.close();
    for (const c of [state.pub, state.sub, ...state.watchers]) if (c) await c.disconnect().catch(() => {});
  };
  return state;
}

// Allowed time of a failing operation: timeout + read_timeout + 100 ms.
const TIMEOUT = 0.5, READ_TIMEOUT = 0.5;
const LIMIT_MS = (TIMEOUT + READ_TIMEOUT) * 1000 + 100;

// Checks a loop around one failover; returns a summary line.
function analyseFailover(name, records, server, switchAt, { cleanBefore, expectFailures }) {
  const problems = [];
  const got = (rec) => server.received.get(String(rec.seq)) || 0;
  let unknown = 0, nobody = 0, failedReported = 0, slow = 0;
  for (const rec of records) {
    const n = got(rec);
    if (n > 1) problems.push(`seq ${rec.seq} delivered ${n} times`);
    if (rec.dt > LIMIT_MS) slow++;
    if (rec.ok && typeof rec.r === "number" && rec.r >= 1) {
      if (n === 0) unknown++; // Redis counted a receiver, the client did not get it
    } else if (rec.ok && rec.r === 0) {
      if (n > 0) problems.push(`seq ${rec.seq}: returned 0 but was delivered`);
      nobody++;
    } else {
      if (n > 0) unknown++; // reported failed, but delivered
      else if (!rec.ok && /may already have been delivered/.test(rec.err)) unknown++;
      else failedReported++;
      if (!rec.ok && (rec.err.includes(DATA_PW) || rec.err.includes(SENTINEL_PW))) problems.push(`seq ${rec.seq}: a password in the message`);
    }
  }
  if (slow > 0) problems.push(`${slow} emits took longer than ${LIMIT_MS} ms`);
  if (unknown > 1) problems.push(`${unknown} emits of unknown fate (at most 1 allowed)`);
  const before = records.filter((rec) => rec.t0 + rec.dt < cleanBefore);
  const lostBefore = before.filter((rec) => got(rec) !== 1);
  if (before.length < 20 || lostBefore.length > 0) problems.push(`before the failover ${lostBefore.length} of ${before.length} emits not delivered once`);
  // Delivered once the following server listens on the new primary only: it went there.
  const resume = records.find((rec) => rec.t0 >= Math.max(switchAt, server.attachedAt) && got(rec) === 1);
  let gap = null;
  if (!resume) problems.push("emits never resumed after the switch");
  else {
    gap = resume.t0 - switchAt;
    if (gap > 5000) problems.push(`emits resumed ${gap.toFixed(0)} ms after the switch (limit 5000)`);
    const after = records.filter((rec) => rec.t0 > resume.t0);
    const astray = after.filter((rec) => got(rec) !== 1);
    if (after.length < 20) problems.push(`only ${after.length} emits after resuming`);
    if (astray.length) problems.push(`${astray.length} emits after resuming not delivered (old primary?), e.g. ${JSON.stringify(astray[0])}`);
  }
  if (expectFailures && failedReported === 0) problems.push("no emit was reported failed while the primary was down");
  const first = records.find((rec) => !rec.ok);
  if (first) r.info(`${name}: first error: ${first.class}: ${first.err}`);
  const note = `${records.length} emits, gap ${gap === null ? "-" : gap.toFixed(0)} ms after +switch-master, ${failedReported} reported failed, ${nobody} returned 0 (old primary, nobody subscribed), ${unknown} unknown, longest ${Math.max(...records.map((x) => x.dt)).toFixed(0)} ms`;
  r.check(name, problems, note);
  r.info(`${name}: ${note}`);
}

async function main() {
  const [p1, p2, s1, s2, s3, s4] = await Promise.all([1, 2, 3, 4, 5, 6].map(freePort));
  const sentinels = [s1, s2, s3];
  const data = ["--bind", HOST, "--dir", dir, "--save", "", "--appendonly", "no", "--requirepass", DATA_PW, "--masterauth", DATA_PW];
  const nodes = {
    [p1]: startProcess(["--port", String(p1), ...data], "primary"),
    [p2]: startProcess(["--port", String(p2), ...data, "--replicaof", HOST, String(p1)], "replica"),
  };
  const sentinelConf = (port, lines) => {
    const file = path.join(dir, `sentinel-${port}.conf`);
    fs.writeFileSync(file, [`port ${port}`, `bind ${HOST}`, `dir ${dir}`, ...lines, ""].join("\n"));
    return startProcess([file, "--sentinel"], `sentinel ${port}`);
  };
  for (const port of sentinels) {
    sentinelConf(port, [
      `sentinel monitor ${MASTER} ${HOST} ${p1} 2`,
      `sentinel auth-pass ${MASTER} ${DATA_PW}`,
      `sentinel down-after-milliseconds ${MASTER} 1000`,
      `sentinel failover-timeout ${MASTER} 5000`,
    ]);
  }
  // One more sentinel, with a password, monitoring the same primary under another name.
  const authSentinel = sentinelConf(s4, [
    `requirepass ${SENTINEL_PW}`,
    `sentinel monitor authmaster ${HOST} ${p1} 1`,
    `sentinel auth-pass authmaster ${DATA_PW}`,
  ]);

  // 1. set-up: every sentinel sees the replica and the two other sentinels.
  const t0 = Date.now();
  try {
    await waitFor("sentinels ready", async () => {
      for (const sp of sentinels) {
        const replicas = await ask(sp, ["SENTINEL", "replicas", MASTER]);
        const others = await ask(sp, ["SENTINEL", "sentinels", MASTER]);
        const flags = replicas.map((rep) => rep[rep.indexOf("flags") + 1]);
        if (!(flags.length === 1 && flags[0] === "slave" && others.length === 2)) return { sp, flags, others: others.length };
      }
      return true;
    }, 30000);
    r.check("set-up: primary, replica and 3 sentinels that see each other", [], `${Date.now() - t0} ms`);
  } catch (e) {
    r.check("set-up: primary, replica and 3 sentinels that see each other", [e.message]);
    return;
  }
  const hosts = sentinels.map((p) => `${HOST}:${p}`).join(",");
  const dsn = `redis+sentinel://:${DATA_PW}@${hosts}/${MASTER}`;
  const base = { dsn, timeout: TIMEOUT, read_timeout: READ_TIMEOUT };

  // 5. errors: clear SocketIO\Exception, no password, within timeout + read_timeout + 100 ms.
  const deadPorts = await Promise.all([1, 2].map(freePort));
  const silent = require("net").createServer(() => {}); // accepts, never answers
  await new Promise((res) => silent.listen(0, HOST, res));
  const silentPort = silent.address().port;
  const silent2 = require("net").createServer(() => {});
  await new Promise((res) => silent2.listen(0, HOST, res));
  const silentPort2 = silent2.address().port;
  const cases = [
    { name: "wrong master name", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${hosts}/nosuchmaster` }, expect: /no Redis Sentinel gave the address of master 'nosuchmaster'.*replied with an error: it monitors no master named 'nosuchmaster'/ },
    { name: "no sentinel reachable", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${deadPorts[0]},${HOST}:${deadPorts[1]}/${MASTER}` }, expect: new RegExp(`master '${MASTER}'.*${deadPorts[0]}.*cannot connect.*${deadPorts[1]}`) },
    { name: "silent sentinel (read_timeout)", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${silentPort}/${MASTER}` }, expect: /no Redis Sentinel gave the address.*no reply within read_timeout/ },
    { name: "bad sentinel password", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${s4}/authmaster`, sentinel_password: "wrong-Pass-3z" }, expect: /authentication failed \(check the sentinel_username\/sentinel_password options\)/, secret: "wrong-Pass-3z" },
    { name: "no sentinel password", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${s4}/authmaster` }, expect: /it needs a password: set the 'sentinel_password' option/ },
    { name: "bad data password", options: { ...base, dsn: `redis+sentinel://:wrong-Data-4w@${hosts}/${MASTER}` }, expect: new RegExp(`Redis at ${HOST}:${p1} refused the connection: authentication failed`), secret: "wrong-Data-4w" },
    { name: "good sentinel password (control)", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${s4}/authmaster`, sentinel_password: SENTINEL_PW }, ok: true },
    { name: "on_error=warn: false and a warning", options: { ...base, dsn: `redis+sentinel://${HOST}:${deadPorts[0]}/${MASTER}`, on_error: "warn" }, warn: /no Redis Sentinel gave the address/ },
    { name: "dead sentinel first, good second", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${silentPort2},${hosts}/${MASTER}`, retry_interval: 5000 }, ok: true },
    { name: "dead sentinel first, 1.1 s later: not waited for again", options: { ...base, dsn: `redis+sentinel://:${DATA_PW}@${HOST}:${silentPort2},${hosts}/${MASTER}`, retry_interval: 5000 }, ok: true, fast: 100, sleep_ms: 1100 },
  ];
  const { res, records } = await php("errors", { cases: cases.map(({ name, options, sleep_ms }) => ({ name, options, sleep_ms })) });
  for (const c of cases) {
    const rec = records.find((x) => x.name === c.name);
    const problems = [];
    if (!rec) { r.check(`error: ${c.name}`, [`no record; ${L.describePhpFailure(res)}`]); continue; }
    const text = `${rec.err || ""} ${rec.warnings.join(" ")}`;
    if (c.ok) {
      if (!(rec.ok && typeof rec.r === "number")) problems.push(`expected an emit, got ${JSON.stringify(rec)}`);
    } else if (c.warn) {
      if (!(rec.ok && rec.r === false)) problems.push(`expected false, got ${JSON.stringify(rec.r)}`);
      if (!rec.warnings.some((w) => c.warn.test(w))) problems.push(`expected a warning matching ${c.warn}, got ${JSON.stringify(rec.warnings)}`);
    } else {
      if (rec.ok || rec.class !== "SocketIO\\Exception") problems.push(`expected SocketIO\\Exception, got ${JSON.stringify(rec)}`);
      else if (!c.expect.test(rec.err)) problems.push(`message does not match ${c.expect}: ${rec.err}`);
    }
    for (const secret of [DATA_PW, SENTINEL_PW, c.secret].filter(Boolean)) {
      if (text.includes(secret)) problems.push("a password is in the message");
    }
    if (rec.dt > LIMIT_MS) problems.push(`took ${rec.dt.toFixed(0)} ms (limit ${LIMIT_MS})`);
    if (c.fast && rec.dt > c.fast) problems.push(`took ${rec.dt.toFixed(0)} ms (a dead sentinel must not cost every request; limit ${c.fast})`);
    r.check(`error: ${c.name}`, problems, `${rec.dt.toFixed(0)} ms${rec.err ? ": " + rec.err.slice(0, 160) : ""}`);
  }
  silent.close();
  silent2.close();
  authSentinel.kill("SIGKILL");

  // 2. basic: every method through redis+sentinel:// reaches the client of the following server.
  const server = await followingServer(sentinels);
  {
    const { res, records } = await php("basic", { options: base });
    const rec = (name) => records.find((x) => x.name === name) || { ok: false, err: `no record (${L.describePhpFailure(res)})` };
    await L.waitUntil(() => ["basic-emit", "basic-batch-1", "basic-batch-2", "basic-room", "basic-deferred", "basic-private"].every((k) => server.received.has(k)), 3000);
    const problems = [];
    const expectOne = (name, key, test) => {
      const x = rec(name);
      if (!x.ok || !test(x.r)) problems.push(`${name}: ${JSON.stringify(x.ok ? x.r : x.err)}`);
      if (key && server.received.get(key) !== 1) problems.push(`${name}: client received ${key} ${server.received.get(key) || 0} times`);
    };
    expectOne("emit", "basic-emit", (v) => v === 1);
    expectOne("batch", "basic-batch-1", (v) => JSON.stringify(v) === "[1,0,1]");
    if (server.received.get("basic-batch-2") !== 1) problems.push("batch: second emit not received once");
    expectOne("join", null, (v) => v === null);
    expectOne("emit-room", "basic-room", (v) => v === 1);
    expectOne("deferred", "basic-deferred", (v) => v === true);
    expectOne("flush", null, (v) => v.errors === 0 && v.unknown === 0);
    expectOne("private", "basic-private", (v) => v === 1);
    expectOne("session-join", null, (v) => v === null);
    expectOne("session-rooms", null, (v) => JSON.stringify(v) === '["r1","r2"]');
    // The rooms were stored on the primary (and nowhere else first).
    const key = await (async () => {
      const c = await client(p1, DATA_PW);
      try { return await c.sendCommand(["KEYS", "*"]); } finally { await c.disconnect(); }
    })();
    if (key.length === 0) problems.push(`no session key on the primary: ${JSON.stringify(key)}`);
    // Round trips: the request and the subscription both on the master.
    const rt = [];
    if (rec("server-count").r !== 1) rt.push(`serverCount: ${JSON.stringify(rec("server-count"))}`);
    if (JSON.stringify(rec("fetch").r) !== JSON.stringify([server.socketId])) rt.push(`fetchSockets: ${JSON.stringify(rec("fetch"))} want [${server.socketId}]`);
    if (JSON.stringify(rec("ack").r) !== '[{"pong":7}]') rt.push(`emitWithAck: ${JSON.stringify(rec("ack"))}`);
    r.check("round trips via redis+sentinel://: serverCount() 1, fetchSockets() the client, emitWithAck() its ack", rt,
      `${["server-count", "fetch", "ack"].map((n) => (rec(n).dt || 0).toFixed(1)).join(" / ")} ms`);
    const stats = rec("stats").r || {};
    r.check("basic: emit, batch, socketsJoin, deferred + flush, persistent=false, SessionRooms via redis+sentinel://", problems,
      `stats: ${stats.connections_opened} connections opened, ${stats.emits} operations`);
  }

  // 3. forced failover while one PHP worker emits every 20 ms.
  {
    const switchesBefore = server.switches.length;
    server.received.clear(); // the loop numbers its emits from 0 again
    const loop = await phpLoop({ options: base, seconds: 12, interval_ms: 20 }, () => {
      setTimeout(() => ask(s1, ["SENTINEL", "FAILOVER", MASTER]).catch((e) => r.info(`SENTINEL FAILOVER: ${e.message}`)), 3000);
    });
    await L.sleep(300);
    const sw = server.switches.slice(switchesBefore);
    if (sw.length === 0 || loop.records.length === 0) {
      r.check("forced failover (SENTINEL FAILOVER)", [`no +switch-master seen (${sw.length}) or no emits (${loop.records.length}); ${loop.stderr.slice(-300)}`]);
    } else {
      r.info(`failover: +switch-master to ${sw[0].to} at ${sw[0].at}; ${server.log.slice(-1)}`);
      if (sw[0].to !== p2) r.info(`unexpected new master ${sw[0].to}`);
      analyseFailover("forced failover: resumes on the new primary within 5 s, never back to the old one, each emit delivered once or reported", loop.records, server, sw[0].at, { cleanBefore: sw[0].at - 200, expectFailures: false });
    }
  }

  // 4. the primary (now p2) killed: emits fail (reported) until promotion, then resume within 5 s.
  {
    try {
      // The old primary must have become a replica of the new one first.
      await waitFor("old primary converted to a replica", async () => {
        const master = await ask(s1, ["SENTINEL", "get-master-addr-by-name", MASTER]);
        const replicas = await ask(s1, ["SENTINEL", "replicas", MASTER]);
        const ok = replicas.some((rep) => rep[rep.indexOf("flags") + 1] === "slave" && rep[rep.indexOf("master-link-status") + 1] === "ok");
        return (Number(master[1]) === p2 && ok) || { master, replicas: replicas.map((x) => x[x.indexOf("flags") + 1]) };
      }, 40000);
    } catch (e) {
      r.check("primary killed", [e.message]);
      return finish(server);
    }
    const killed = Number((await ask(s1, ["SENTINEL", "get-master-addr-by-name", MASTER]))[1]);
    const switchesBefore = server.switches.length;
    let killedAt = 0;
    server.received.clear();
    const loop = await phpLoop({ options: base, seconds: 14, interval_ms: 20 }, () => {
      setTimeout(() => { killedAt = Date.now(); nodes[killed].kill("SIGKILL"); }, 3000);
    });
    await L.sleep(300);
    const sw = server.switches.slice(switchesBefore);
    if (sw.length === 0) {
      r.check("primary killed (SIGKILL)", [`no +switch-master seen; ${server.log.slice(-2).join("; ")}`]);
    } else {
      r.info(`kill at ${killedAt}, +switch-master to ${sw[0].to} ${sw[0].at - killedAt} ms later`);
      analyseFailover("primary killed (SIGKILL): emits reported failed until promotion, then resume within 5 s", loop.records, server, sw[0].at, { cleanBefore: killedAt - 100, expectFailures: true });
    }
  }
  return finish(server);
}

async function finish(server) {
  if (server) await server.close();
}

main()
  .catch((e) => r.check("sentinel suite ran to the end", [e.stack || String(e)]))
  .finally(() => {
    const code = r.finish();
    L.killAll();
    process.exit(code);
  });
