"use strict";
// Redis Cluster tests of socketio_emitter (redis+cluster://), on a private
// 6-node cluster (3 primaries + 3 replicas) on loopback:
//  1. classic adapter: two socket.io servers on createAdapter over a node-redis
//     cluster client; PHP emits reach exactly the right clients once, batch() too
//  2. routing: PUBLISH lands on the channel's slot owner (commandstats);
//     SPUBLISH ('adapter' => 'sharded') reaches raw SSUBSCRIBE on every primary;
//     createShardedAdapter servers (static, dynamic) deliver to clients
//  3. MOVED / ASK: a slot migrated behind the worker's back (SPUBLISH and
//     SessionRooms keys), counted by stats() cluster_redirects/refreshes
//  4. failover: SIGKILL of a primary while PHP emits every 20 ms; every
//     attempt is delivered once exactly when reported, and emits succeed again
//     soon after the promotion (gap printed)
//  5. every kind of call of tests/e2e/sharded.js through createShardedAdapter
//     servers on the cluster (static, dynamic), channels on several primaries
//  6. deadline: a frozen primary (SIGSTOP) never holds an emit longer than
//     timeout + read_timeout + 100 ms
//  7. round trips (in 1): serverCount(), fetchSockets(), emitWithAck() with
//     each adapter on the cluster
// Ends with "N passed, N failed".

const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const { spawn, execFileSync } = require("child_process");
const { createClient, createCluster } = require("redis");
const { Server } = require("socket.io");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
const ioc = require("socket.io-client");

const HOST = "127.0.0.1";
const EXT = process.env.SOCKETIO_EXT || path.resolve(__dirname, "..", "..", "target", "release", "libsocketio_emitter.so");
const PHP = process.env.PHP_BIN || "php";
const NODE_TIMEOUT = 1500; // cluster-node-timeout, ms
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = new Set();
process.on("exit", () => { for (const c of children) { try { c.kill("SIGKILL"); } catch (_) { /* gone */ } } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(1));
setTimeout(() => { console.log("WATCHDOG: still running after 220 s"); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); }, 220000).unref();

let passed = 0, failed = 0;
function check(name, failures, note = "") {
  if (failures.length === 0) { passed++; console.log(`  PASS ${name}${note ? "  (" + note + ")" : ""}`); }
  else { failed++; console.log(`  FAIL ${name}${note ? "  (" + note + ")" : ""}\n       - ${failures.slice(0, 8).join("\n       - ")}`); }
}
async function waitUntil(fn, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await fn()) return true; await sleep(20); }
  return !!(await fn());
}

// CRC16-XMODEM and the hash slot, as Redis computes them.
function crc16(buf) {
  let crc = 0;
  for (const b of buf) { crc ^= b << 8; for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff; }
  return crc;
}
function slotOf(key) {
  let k = Buffer.from(key);
  const open = k.indexOf("{");
  if (open >= 0) { const close = k.indexOf("}", open + 1); if (close > open + 1) k = k.subarray(open + 1, close); }
  return crc16(k) & 0x3fff;
}

// ---------------------------------------------------------------------------
// the cluster
function freePort() {
  return new Promise((resolve, reject) => {
    const s = require("net").createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sio-cluster-"));
process.on("exit", () => { try { fs.rmSync(dir, { recursive: true, force: true }); } catch (_) { /* ignore */ } });
const nodes = {}; // port -> { proc, admin }

async function startNode(port) {
  const d = path.join(dir, String(port));
  fs.mkdirSync(d, { recursive: true });
  const proc = spawn("redis-server", ["--port", String(port), "--bind", HOST, "--cluster-enabled", "yes",
    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String(NODE_TIMEOUT), "--save", "", "--appendonly", "no",
    "--dir", d], { stdio: ["ignore", "ignore", "inherit"] });
  children.add(proc);
  proc.once("exit", () => children.delete(proc));
  const admin = createClient({ url: `redis://${HOST}:${port}`, socket: { reconnectStrategy: () => 100 } });
  admin.on("error", () => {});
  nodes[port] = { proc, admin, port };
  if (!(await waitUntil(async () => { try { await admin.connect(); return true; } catch (_) { return false; } }, 5000))) throw new Error(`redis-server ${port} did not start`);
}
const cmd = (port, args) => nodes[port].admin.sendCommand(args.map(String));

// CLUSTER SLOTS of a node -> [{start, end, port, replicas:[port]}]
async function slotsOf(port) {
  const r = await cmd(port, ["CLUSTER", "SLOTS"]);
  return r.map((x) => ({ start: x[0], end: x[1], port: x[2][1], replicas: x.slice(3).map((y) => y[1]) }));
}
async function ownerOf(port, slot) {
  return (await slotsOf(port)).find((x) => slot >= x.start && slot <= x.end)?.port;
}
async function nodeId(port) { return String(await cmd(port, ["CLUSTER", "MYID"])); }

// A room whose channel ("socket.io#/#room#" classic, the same for sharded dynamic) sits on `port`.
async function roomOn(port, tag, from) {
  for (let i = 0; i < 100000; i++) {
    const room = `${tag}${i}`;
    if ((await ownerOf(from, slotOf(`socket.io#/#${room}#`))) === port) return room;
  }
  throw new Error("no room found");
}

// ---------------------------------------------------------------------------
// the PHP worker: one long-lived process, commands on stdin
function startWorker() {
  const proc = spawn(PHP, ["-n", "-d", `extension=${EXT}`, path.join(__dirname, "worker.php")], { stdio: ["pipe", "pipe", "pipe"] });
  children.add(proc);
  let buf = "", stderr = "";
  const waiting = [];
  proc.stdout.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i); buf = buf.slice(i + 1);
      if (line.startsWith("@@ ")) { const w = waiting.shift(); if (w) w(JSON.parse(line.slice(3))); }
      else if (line.trim()) stderr += line + "\n";
    }
  });
  proc.stderr.on("data", (d) => { stderr += d; });
  proc.once("exit", () => { children.delete(proc); for (const w of waiting.splice(0)) w({ r: false, err: `worker exited: ${stderr.slice(-500)}` }); });
  return {
    call: (c) => new Promise((resolve) => { waiting.push(resolve); proc.stdin.write(JSON.stringify(c) + "\n"); }),
    stop: () => { proc.stdin.end(); },
    stderr: () => stderr,
  };
}

// ---------------------------------------------------------------------------
async function main() {
  const ports = [];
  for (let i = 0; i < 6; i++) ports.push(await freePort());
  const t0 = Date.now();
  await Promise.all(ports.map(startNode));
  execFileSync("redis-cli", ["--cluster", "create", ...ports.map((p) => `${HOST}:${p}`), "--cluster-replicas", "1", "--cluster-yes"], { stdio: "ignore" });
  const ok = await waitUntil(async () => {
    for (const p of ports) {
      const info = String(await cmd(p, ["CLUSTER", "INFO"]));
      if (!info.includes("cluster_state:ok")) return false;
      if ((await slotsOf(p)).length !== 3) return false;
    }
    return true;
  }, 20000);
  const primaries = (await slotsOf(ports[0])).map((x) => x.port);
  check("6-node cluster up (3 primaries + 3 replicas, cluster_state:ok on every node)", ok && primaries.length === 3 ? [] : ["cluster did not come up"], `${Date.now() - t0} ms`);
  if (!ok) return;
  const seeds = ports.slice(0, 2).map((p) => `${HOST}:${p}`).join(",");
  const DSN = `redis+cluster://${seeds}`;
  const classic = { dsn: DSN };
  const sharded = { dsn: DSN, adapter: "sharded", subscription_mode: "dynamic" };
  const [P0, P1, P2] = primaries;
  const room = {};
  for (const p of primaries) room[p] = await roomOn(p, `r${p}-`, P0);
  const worker = startWorker();
  const closers = [];
  try {
    await adapters(worker, primaries, room, classic, closers);
    await everyKind(primaries, DSN, closers);
    await streams(primaries, DSN, closers);
    await routing(worker, primaries, room, classic, sharded);
    await redirects(worker, primaries, sharded, classic);
    await failover(worker, P1, P0, room, classic, sharded);
    await deadline(worker, P2, room, DSN);
  } finally {
    worker.stop();
    for (const c of closers.reverse()) { try { await Promise.race([Promise.resolve(c()), sleep(1000)]); } catch (_) { /* closing */ } }
  }
}

// Every kind of call of tests/e2e/sharded.js (emit to all / rooms / except /
// a namespace, binary, volatile, to([]), socketsJoin/Leave, serverSideEmit,
// batch, deferred, disconnectSockets) through createShardedAdapter servers on
// the cluster, static and dynamic modes; its channels sit on several primaries.
async function everyKind(primaries, DSN, closers) {
  const { delivery } = require(path.join(__dirname, "..", "e2e", "sharded.js"));
  const where = {};
  for (const channel of ["socket.io#/#", "socket.io#/#room1#", "socket.io#/#room2#", "socket.io#/#room3#", "socket.io#/admin#", "socket.io#/admin#room1#"]) {
    where[channel] = await ownerOf(primaries[0], slotOf(channel));
  }
  const used = new Set(Object.values(where));
  console.log(`  INFO sharded channels by owning primary: ${Object.entries(where).map(([c, p]) => `${c} -> ${p}`).join(", ")}`);
  check("the sharded cases' channels live on more than one primary", used.size >= 2 ? [] : ["all on one primary"], `${used.size} primaries`);
  const rootNodes = primaries.map((p) => ({ url: `redis://${HOST}:${p}` }));
  const env = { label: "cluster, sharded", makeClient: () => createCluster({ rootNodes }), port: primaries[0], ini: { "socketio_emitter.dsn": DSN }, unordered: true };
  for (const mode of ["static", "dynamic"]) await delivery({ check }, env, mode, closers);
}

// Every kind of call of tests/e2e/streams.js through two servers on
// @socket.io/redis-streams-adapter over the cluster: XADD goes to the owner of
// the stream key's slot (the streams of stream_count 3 sit on several primaries).
async function streams(primaries, DSN, closers) {
  const { delivery, SETUPS } = require(path.join(__dirname, "..", "e2e", "streams.js"));
  const where = {};
  for (const key of ["socket.io", "sio-e2e-1", "sio-e2e-2"]) where[key] = await ownerOf(primaries[0], slotOf(key));
  console.log(`  INFO stream keys by owning primary: ${Object.entries(where).map(([k, p]) => `${k} -> ${p}`).join(", ")}`);
  check("the streams' keys live on more than one primary", new Set(Object.values(where)).size >= 2 ? [] : ["all on one primary"]);
  const rootNodes = primaries.map((p) => ({ url: `redis://${HOST}:${p}` }));
  const env = { label: "cluster, streams", makeClient: () => createCluster({ rootNodes }), port: primaries[0], ini: { "socketio_emitter.dsn": DSN }, clusterPublish: true };
  for (const setup of SETUPS) await delivery({ check }, env, setup, closers);
}

// 1 + sharded e2e: socket.io servers on the cluster, clients in rooms.
async function adapters(worker, primaries, room, classic, closers) {
  const rootNodes = primaries.map((p) => ({ url: `redis://${HOST}:${p}` }));
  for (const [kind, opts, make] of [
    ["classic", classic, (pub, sub) => createAdapter(pub, sub)],
    ["sharded static", { ...classic, adapter: "sharded", subscription_mode: "static" }, (pub, sub) => createShardedAdapter(pub, sub, { subscriptionMode: "static" })],
    ["sharded dynamic", { ...classic, adapter: "sharded", subscription_mode: "dynamic" }, (pub, sub) => createShardedAdapter(pub, sub, { subscriptionMode: "dynamic" })],
  ]) {
    const local = [];
    const servers = [];
    for (let s = 0; s < 2; s++) {
      const pub = createCluster({ rootNodes }), sub = pub.duplicate();
      for (const c of [pub, sub]) { c.on("error", () => {}); await c.connect(); local.push(() => c.quit().catch(() => {})); }
      const httpServer = http.createServer();
      const io = new Server(httpServer, { adapter: make(pub, sub) });
      local.push(() => io.close());
      io.on("connection", (socket) => { for (const r of socket.handshake.auth.rooms || []) socket.join(r); });
      await new Promise((r) => httpServer.listen(0, HOST, r));
      servers.push(httpServer.address().port);
    }
    const [r0, r1, r2] = primaries.map((p) => room[p]);
    const clients = {};
    const connect = (id, port, rooms) => {
      const socket = ioc(`http://${HOST}:${port}`, { forceNew: true, transports: ["websocket"], reconnection: false, auth: { rooms } });
      clients[id] = { socket, log: [] };
      socket.onAny((ev, ...args) => clients[id].log.push([ev, ...args]));
      local.push(() => socket.close());
    };
    connect("a", servers[0], [r0]);
    connect("b", servers[1], [r1]);
    connect("c", servers[0], [r2, r1]);
    connect("d", servers[1], []);
    const up = await waitUntil(() => Object.values(clients).every((c) => c.socket.connected), 5000);
    await sleep(400); // subscriptions (dynamic: per room)
    const results = [];
    for (const [rooms, n] of [[[r0], 1], [[r1], 2], [[r2], 3], [[r0, r2], 4], [[], 5]]) {
      const rec = await worker.call({ op: "emit", opts, rooms, event: "ev", args: [n] });
      results.push(rec);
    }
    // An emit to everyone: to([]) targets nobody; use the namespace without rooms.
    const all = await worker.call({ op: "batch", opts, emits: [[r0, "b1", 1], [r1, "b2", 2], [r2, "b3", 3], [r0, "b4", 4]] });
    await sleep(500);
    const expected = {
      a: [["ev", 1], ["ev", 4], ["b1", 1], ["b4", 4]],
      b: [["ev", 2], ["b2", 2]],
      c: [["ev", 2], ["ev", 3], ["ev", 4], ["b2", 2], ["b3", 3]],
      d: [],
    };
    const failures = [];
    if (!up) failures.push("clients did not connect");
    results.forEach((r, i) => { if (r.r === false || r.err) failures.push(`emit #${i + 1} failed: ${r.err}`); });
    if (!Array.isArray(all.r) || all.r.some((x) => x === false)) failures.push(`batch: ${JSON.stringify(all)}`);
    for (const [id, want] of Object.entries(expected)) {
      const got = clients[id].log;
      const key = (x) => JSON.stringify(x);
      if (JSON.stringify(got.map(key).sort()) !== JSON.stringify(want.map(key).sort())) failures.push(`${id} got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    check(`${kind} adapter on the cluster: emits and a batch across 3 primaries reach exactly the right clients once`, failures,
      `emit() returned ${results.map((r) => JSON.stringify(r.r)).join(",")}; batch ${JSON.stringify(all.r)}`);
    // Round trips: 2 servers; r1 holds b (server 1) and c (server 0).
    for (const c of Object.values(clients)) c.socket.on("ping", (arg, cb) => cb(arg + 1));
    const count = await worker.call({ op: "count", opts });
    const fetched = await worker.call({ op: "fetch", opts, rooms: [r1] });
    const acked = await worker.call({ op: "ack", opts, rooms: [r1], event: "ping", args: [41] });
    const rt = [];
    if (count.r !== 2) rt.push(`serverCount ${JSON.stringify(count)}`);
    const ids = [clients.b.socket.id, clients.c.socket.id].sort();
    if (!Array.isArray(fetched.r) || JSON.stringify([...fetched.r].sort()) !== JSON.stringify(ids)) rt.push(`fetchSockets ${JSON.stringify(fetched)} want ${JSON.stringify(ids)}`);
    if (JSON.stringify(acked.r) !== "[42,42]") rt.push(`emitWithAck ${JSON.stringify(acked)}`);
    check(`${kind} adapter on the cluster: serverCount() is 2, fetchSockets() and emitWithAck() answer from both servers`, rt,
      `${count.ms.toFixed(1)} / ${(fetched.ms || 0).toFixed(1)} / ${(acked.ms || 0).toFixed(1)} ms`);
    for (const c of local.reverse()) { try { await Promise.race([Promise.resolve(c()), sleep(1000)]); } catch (_) { /* closing */ } }
  }
  void closers;
}

// 2. routing: each channel's command lands on its slot's owner.
async function routing(worker, primaries, room, classic, sharded) {
  const publishes = async () => {
    const out = {};
    for (const p of primaries) {
      const stats = String(await cmd(p, ["INFO", "commandstats"]));
      const m = (name) => Number((stats.match(new RegExp(`cmdstat_${name}:calls=(\\d+)`)) || [0, 0])[1]);
      out[p] = { publish: m("publish"), spublish: m("spublish") };
    }
    return out;
  };
  for (const [kind, opts, field] of [["PUBLISH (classic)", classic, "publish"], ["SPUBLISH (sharded)", sharded, "spublish"]]) {
    const before = await publishes();
    const failures = [];
    for (const p of primaries) {
      for (let i = 0; i < 5; i++) {
        const r = await worker.call({ op: "emit", opts, rooms: [room[p]], event: "route", args: [i] });
        if (r.r === false) failures.push(`emit to ${room[p]} failed: ${r.err}`);
      }
    }
    const after = await publishes();
    const deltas = primaries.map((p) => after[p][field] - before[p][field]);
    if (!deltas.every((d) => d === 5)) failures.push(`${field} calls per primary ${deltas.join("/")}, want 5/5/5`);
    check(`routing: ${kind} of a room goes to its channel's slot owner, on each of the 3 primaries`, failures, `calls per primary ${deltas.join("/")}`);
  }
  // SPUBLISH reaches raw SSUBSCRIBE (node-redis cluster client) on every primary.
  const rootNodes = primaries.map((p) => ({ url: `redis://${HOST}:${p}` }));
  const sub = createCluster({ rootNodes });
  sub.on("error", () => {});
  await sub.connect();
  const got = [];
  const channels = primaries.map((p) => `socket.io#/#${room[p]}#`);
  for (const ch of channels) await sub.sSubscribe(ch, (msg, channel) => got.push(String(channel)), true);
  await sleep(200);
  const counts = [];
  // Synchronous, deferred (replies read later, per connection) and
  // 'persistent' => false (the emitter's own connection per node).
  const variants = [sharded, { ...sharded, deferred: true }, { ...sharded, persistent: false }];
  for (const opts of variants) {
    for (const p of primaries) counts.push((await worker.call({ op: "emit", opts, rooms: [room[p]], event: "raw", args: [1] })).r);
  }
  await waitUntil(() => got.length >= 9, 2000);
  await sleep(200);
  const failures = [];
  for (const ch of channels) if (got.filter((c) => c === ch).length !== 3) failures.push(`${ch} received ${got.filter((c) => c === ch).length} times, want 3`);
  const want = JSON.stringify([1, 1, 1, true, true, true, 1, 1, 1]);
  if (JSON.stringify(counts) !== want) failures.push(`emit() returned ${JSON.stringify(counts)}, want ${want} (one shard subscriber on the owner; true: deferred)`);
  check("routing: SPUBLISH (sync, deferred, persistent=false) on channels of the 3 primaries reaches a raw SSUBSCRIBE once each; emit() counts the owner's subscriber", failures, `returns ${JSON.stringify(counts)}`);
  await sub.quit().catch(() => {});
}

// 3. MOVED and ASK: slots migrated while the worker holds a slot map.
async function redirects(worker, primaries, sharded, classic) {
  const [A, B] = primaries;
  const stats = async () => (await worker.call({ op: "stats" })).r;
  const idA = await nodeId(A), idB = await nodeId(B);
  const allPorts = Object.keys(nodes).map(Number);
  const moveSlot = async (slot) => {
    await cmd(B, ["CLUSTER", "SETSLOT", slot, "IMPORTING", idA]);
    await cmd(A, ["CLUSTER", "SETSLOT", slot, "MIGRATING", idB]);
  };
  const finish = async (slot) => {
    for (const p of [B, A, ...allPorts.filter((p) => p !== A && p !== B)]) await cmd(p, ["CLUSTER", "SETSLOT", slot, "NODE", idB]).catch(() => {});
    await waitUntil(async () => (await ownerOf(A, slot)) === B, 3000);
  };
  // SPUBLISH after a slot moved (no keys to move: SETSLOT ... NODE).
  const room = await roomOn(A, "mv-", A);
  const ch = `socket.io#/#${room}#`;
  const slot = slotOf(ch);
  const first = await worker.call({ op: "emit", opts: sharded, rooms: [room], event: "m", args: [0] });
  await moveSlot(slot);
  await finish(slot);
  const sub = createClient({ url: `redis://${HOST}:${B}` });
  sub.on("error", () => {});
  await sub.connect();
  const got = [];
  await sub.sSubscribe(ch, (msg) => got.push(msg.length), true);
  const s0 = await stats();
  const moved = await worker.call({ op: "emit", opts: sharded, rooms: [room], event: "m", args: [1] });
  const s1 = await stats();
  const again = await worker.call({ op: "emit", opts: sharded, rooms: [room], event: "m", args: [2] });
  const s2 = await stats();
  await waitUntil(() => got.length >= 2, 2000);
  const failures = [];
  if (first.r === false) failures.push(`first emit failed: ${first.err}`);
  if (moved.r !== 1) failures.push(`emit after the move returned ${JSON.stringify(moved)}, want 1`);
  if (again.r !== 1) failures.push(`next emit returned ${JSON.stringify(again)}, want 1`);
  if (got.length !== 2) failures.push(`subscriber on the new owner got ${got.length} messages, want 2`);
  if (s1.cluster_redirects - s0.cluster_redirects !== 1) failures.push(`redirects during the MOVED emit: ${s1.cluster_redirects - s0.cluster_redirects}, want 1`);
  if (s2.cluster_redirects - s1.cluster_redirects !== 0) failures.push(`redirects during the next emit: ${s2.cluster_redirects - s1.cluster_redirects}, want 0`);
  if (s2.cluster_refreshes - s1.cluster_refreshes !== 1) failures.push(`slot map refreshes after the MOVED: ${s2.cluster_refreshes - s1.cluster_refreshes}, want 1`);
  check("MOVED: SPUBLISH to a slot moved behind the worker's back is redirected once and delivered; the next emit refreshes the map, no redirect", failures,
    `redirects +${s1.cluster_redirects - s0.cluster_redirects}, then refreshes +${s2.cluster_refreshes - s1.cluster_refreshes}`);
  await sub.quit().catch(() => {});

  // ASK then MOVED with a key (SessionRooms): the key migrates mid-way.
  const sid = "session-ask-1";
  const joined = await worker.call({ op: "join", opts: classic, sid, rooms: ["x", "y"] });
  let key = null, keyPort = null;
  for (const p of primaries) {
    const keys = await cmd(p, ["KEYS", "*session-rooms*"]);
    if (keys.length) { key = String(keys[0]); keyPort = p; }
  }
  const failures2 = [];
  if (joined.r === false) failures2.push(`join failed: ${joined.err}`);
  if (!key) { check("ASK and MOVED for a SessionRooms key", ["session key not found"]); return; }
  const kslot = slotOf(key);
  // Move it from its owner to another primary.
  const src = keyPort, dst = primaries.find((p) => p !== src);
  const idSrc = await nodeId(src), idDst = await nodeId(dst);
  await cmd(dst, ["CLUSTER", "SETSLOT", kslot, "IMPORTING", idSrc]);
  await cmd(src, ["CLUSTER", "SETSLOT", kslot, "MIGRATING", idDst]);
  await cmd(src, ["MIGRATE", HOST, dst, key, 0, 5000]);
  const a0 = await stats();
  const asked = await worker.call({ op: "rooms", opts: classic, sid });
  const a1 = await stats();
  for (const p of [dst, src, ...allPorts.filter((p) => p !== src && p !== dst)]) await cmd(p, ["CLUSTER", "SETSLOT", kslot, "NODE", idDst]).catch(() => {});
  await waitUntil(async () => (await ownerOf(src, kslot)) === dst, 3000);
  const movedKey = await worker.call({ op: "rooms", opts: classic, sid });
  const a2 = await stats();
  const want = JSON.stringify(["x", "y"]);
  if (JSON.stringify(asked.r) !== want) failures2.push(`rooms() during the migration: ${JSON.stringify(asked)}`);
  if (JSON.stringify(movedKey.r) !== want) failures2.push(`rooms() after the migration: ${JSON.stringify(movedKey)}`);
  if (a1.cluster_redirects - a0.cluster_redirects !== 1) failures2.push(`ASK redirects ${a1.cluster_redirects - a0.cluster_redirects}, want 1`);
  if (a2.cluster_redirects - a1.cluster_redirects !== 1) failures2.push(`MOVED redirects ${a2.cluster_redirects - a1.cluster_redirects}, want 1`);
  check("ASK (key migrating: ASKING + command on the target) then MOVED (migration done) for a SessionRooms key: rooms() answers right both times", failures2,
    `redirects +${a1.cluster_redirects - a0.cluster_redirects} (ASK), +${a2.cluster_redirects - a1.cluster_redirects} (MOVED)`);
}

// 4. failover: SIGKILL the primary serving the channels while PHP emits every 20 ms.
async function failover(worker, victim, survivor, room, classic, sharded) {
  const victimId = await nodeId(victim);
  const line = String(await cmd(survivor, ["CLUSTER", "NODES"])).split("\n").find((l) => l.split(" ")[3] === victimId);
  const replica = line ? Number(line.split(" ")[1].split("@")[0].split(":").pop()) : null;
  if (!replica) { check("failover", [`no replica of ${victim} found`]); return; }
  const ch = `socket.io#/#${room[victim]}#`;
  // Sharded subscriber on the victim's replica (it receives the shard's
  // messages and keeps its subscription when promoted); classic subscriber on
  // a surviving primary (PUBLISH is forwarded to every node).
  const shardSub = createClient({ url: `redis://${HOST}:${replica}` });
  const plainSub = createClient({ url: `redis://${HOST}:${survivor}` });
  const got = { sharded: new Map(), classic: new Map() };
  const seqOf = (msg) => { const m = String(msg).match(/(sharded|classic):(\d+);/); return m ? [m[1], Number(m[2])] : null; };
  for (const [c, subscribe] of [[shardSub, (cb) => shardSub.sSubscribe(ch, cb, true)], [plainSub, (cb) => plainSub.subscribe(ch, cb, true)]]) {
    c.on("error", () => {});
    await c.connect();
    await subscribe((msg) => {
      const s = seqOf(msg.toString("latin1"));
      if (s) got[s[0]].set(s[1], (got[s[0]].get(s[1]) || 0) + 1);
    });
  }
  await sleep(200);
  let killedAt = 0, promotedAt = 0;
  const loop = worker.call({
    op: "loop", ms: 12000, every: 20,
    streams: { sharded: { ...sharded, on_error: "silent" }, classic: { ...classic, on_error: "silent" } },
    rooms: { sharded: room[victim], classic: room[victim] },
  });
  await sleep(1500);
  nodes[victim].proc.kill("SIGKILL");
  killedAt = Date.now();
  const slot = slotOf(ch);
  await waitUntil(async () => {
    try { if ((await ownerOf(survivor, slot)) === replica) { promotedAt = Date.now(); return true; } } catch (_) { /* retry */ }
    return false;
  }, 10000);
  const log = (await loop).r || [];
  await sleep(500);
  for (const c of [shardSub, plainSub]) await c.quit().catch(() => {});
  for (const stream of ["sharded", "classic"]) {
    const failures = [];
    const attempts = log.filter((x) => x[0] === stream);
    let unknown = 0, failedN = 0, firstOkAfter = null, lastFail = 0;
    for (const [, seq, t, r] of attempts) {
      const n = got[stream].get(seq) || 0;
      const ok = r !== false;
      if (!ok) { failedN++; lastFail = t; }
      if (n > 1) failures.push(`#${seq} delivered ${n} times`);
      if (ok !== (n === 1)) unknown++;
      if (ok && promotedAt && t >= promotedAt && firstOkAfter === null) firstOkAfter = t;
    }
    if (!promotedAt) failures.push("the replica was not promoted within 10 s");
    if (attempts.length < 100) failures.push(`only ${attempts.length} attempts`);
    if (unknown > 1) failures.push(`${unknown} attempts reported wrongly (success without delivery or failure with delivery), at most 1 allowed`);
    if (stream === "sharded") {
      const recovered = lastFail && promotedAt ? lastFail - promotedAt : 0;
      if (recovered > 5000) failures.push(`emits still failed ${recovered} ms after the promotion`);
      if (firstOkAfter === null) failures.push("no successful emit after the promotion");
      check("failover, SPUBLISH: every emit delivered once exactly when reported (at most 1 unknown); they succeed again within 5 s of the promotion", failures,
        `${attempts.length} attempts, ${failedN} failed, ${unknown} unknown; promotion ${promotedAt - killedAt} ms after the kill; last failure ${recovered} ms after it`);
    } else {
      if (failedN > 5) failures.push(`${failedN} PUBLISH failed: any other node should take them at once`);
      check("failover, PUBLISH (classic): any node takes the emits while the owner is dead; every emit delivered once exactly when reported", failures,
        `${attempts.length} attempts, ${failedN} failed, ${unknown} unknown`);
    }
  }
}

// 5. a frozen primary never holds an emit longer than timeout + read_timeout + 100 ms.
async function deadline(worker, frozen, room, dsn) {
  const opts = { dsn, adapter: "sharded", subscription_mode: "dynamic", timeout: 0.3, read_timeout: 0.3, on_error: "silent" };
  const plain = { dsn, timeout: 0.3, read_timeout: 0.3, on_error: "silent" };
  const warm = await worker.call({ op: "emit", opts, rooms: [room[frozen]], event: "d", args: [0] });
  nodes[frozen].proc.kill("SIGSTOP");
  const times = [], results = [];
  try {
    for (let i = 0; i < 3; i++) {
      for (const o of [opts, plain]) {
        const r = await worker.call({ op: "emit", opts: o, rooms: [room[frozen]], event: "d", args: [i] });
        times.push(Math.round(r.ms)); results.push(r.r);
      }
    }
  } finally {
    nodes[frozen].proc.kill("SIGCONT");
  }
  const failures = [];
  if (warm.r === false) failures.push(`emit before the freeze failed: ${warm.err}`);
  const max = Math.max(...times);
  if (max > 700) failures.push(`an emit took ${max} ms (> 300 + 300 + 100)`);
  if (results.filter((r, i) => i % 2 === 0).some((r) => r !== false)) failures.push(`SPUBLISH to the frozen owner reported success: ${JSON.stringify(results)}`);
  check("deadline: SIGSTOPped primary; no emit (SPUBLISH or PUBLISH) takes longer than timeout+read_timeout+100 ms", failures, `emit times ${times.join("/")} ms, results ${JSON.stringify(results)}`);
}

main().catch((e) => { failed++; console.log(`  FAIL unexpected error: ${e && e.stack}`); })
  .finally(() => { console.log(`${passed} passed, ${failed} failed`); process.exit(failed > 0 || passed === 0 ? 1 : 0); });
