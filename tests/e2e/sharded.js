"use strict";
// The sharded adapter (`createShardedAdapter` of @socket.io/redis-adapter
// 8.3.0, Redis 7 sharded pub/sub) with 'adapter' => 'sharded':
//  1. conformance: the PHP call of each of the 26 golden sharded vectors
//     (tests/golden/golden-vectors-sharded.json, captured from the official
//     ShardedRedisAdapter with its uid forced to "emitter") sends exactly the
//     vector's bytes on the vector's channel with SPUBLISH (captured by a raw
//     SSUBSCRIBE in buffer mode);
//  2. delivery, for each subscriptionMode (static, dynamic, dynamic-private):
//     two socket.io 4.8.3 servers on createShardedAdapter and socket.io-client
//     4.8.3 clients in rooms and namespaces; every kind of PHP call (emit to
//     all / rooms / except / a namespace, binary, volatile, batch, deferred,
//     socketsJoin/Leave, serverSideEmit, disconnectSockets) reaches exactly
//     the right clients (or servers) once, and emit() returns the SPUBLISH count.
//
//   node sharded.js [-v]

const fs = require("fs");
const path = require("path");
const { Server } = require("socket.io");
const { io: ioc } = require("socket.io-client");
const { createShardedAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");
const notepack = require("notepack.io");
const L = require("./lib");

const PHP_SCRIPT = path.join(__dirname, "sharded.php");
const VECTORS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "golden-vectors-sharded.json"), "utf8"));
const MODES = ["static", "dynamic", "dynamic-private"];

async function conformance(rep, url, port, closers) {
  const raw = createClient({ url });
  raw.on("error", () => {});
  await raw.connect();
  closers.push(() => raw.quit().catch(() => {}));
  try { await conformanceWith(rep, raw, port); } finally { await raw.quit().catch(() => {}); }
}

async function conformanceWith(rep, raw, port) {
  const captured = [];
  const channels = [...new Set(VECTORS.map((v) => v.channel))];
  await raw.sSubscribe(channels, (payload, channel) => captured.push({ channel: String(channel), payload }), true);
  for (const mode of ["dynamic", "static"]) {
    const vectors = VECTORS.filter((v) => v.meta.subscriptionMode === mode);
    const names = vectors.map((v) => v.name.split("/")[1]);
    const before = captured.length;
    const r = await L.runPhp(PHP_SCRIPT, ["vectors", mode, ...names], { port });
    const recs = new Map(L.phpRecords(r.stdout).map((x) => [x.name, x]));
    // One SPUBLISH per call, on one connection, in order: the capture keeps that order.
    await L.waitUntil(() => captured.length >= before + vectors.length, 3000);
    await L.sleep(100);
    const mine = captured.slice(before);
    rep.check(`sharded ${mode}: one message per vector (${vectors.length})`, mine.length === vectors.length ? [] : [`captured ${mine.length}`]);
    vectors.forEach((v, i) => {
      const f = [];
      const rec = recs.get(names[i]);
      if (!rec || rec.error) f.push(`PHP: ${rec ? rec.error : L.describePhpFailure(r)}`);
      const got = mine[i];
      if (!got) f.push("nothing captured");
      else {
        if (got.channel !== v.channel) f.push(`channel ${got.channel}, expected ${v.channel}`);
        if (got.payload.toString("hex") !== v.payload_hex) {
          f.push(`bytes differ: ${L.short(got.payload[0] === 0x7b ? got.payload.toString() : got.payload.toString("hex"), 400)}`);
        }
        try {
          const decoded = got.payload[0] === 0x7b ? JSON.parse(got.payload.toString()) : notepack.decode(got.payload);
          if (v.format === "json" && got.payload[0] !== 0x7b) f.push("expected JSON");
          if (decoded.uid !== "emitter") f.push(`uid ${decoded.uid}`);
        } catch (e) { f.push(`does not decode: ${e.message}`); }
      }
      rep.check(`vector ${v.name}: SPUBLISH ${v.channel}, byte-identical`, f);
    });
  }
}

// Seeded random floats, strings and ints, emitted once through each adapter:
// the sharded JSON must be exactly what JSON.stringify writes for the values
// the classic msgpack carries (number notation, string escapes), and decode to them.
async function random(rep, url, port) {
  const seed = parseInt(process.env.SEED || String(Date.now() % 1000000), 10);
  console.log(`random values: seed ${seed} (SEED=${seed} node sharded.js replays it)`);
  const raw = createClient({ url });
  const rawP = createClient({ url });
  for (const c of [raw, rawP]) { c.on("error", () => {}); await c.connect(); }
  const sharded = [], classic = [];
  try {
    await raw.sSubscribe("socket.io#/#", (payload) => sharded.push(payload), true);
    await rawP.pSubscribe("socket.io#*", (payload) => classic.push(payload), true);
    const r = await L.runPhp(PHP_SCRIPT, ["random", "static", String(seed)], { port, timeoutMs: 60000 });
    const recs = L.phpRecords(r.stdout);
    await L.waitUntil(() => sharded.length >= 50 && classic.length >= 50, 5000);
    const f = [];
    if (recs.length !== 50 || recs.some((x) => x.error)) f.push(`PHP: ${L.short(JSON.stringify(recs.find((x) => x.error) || recs.length))} ${L.describePhpFailure(r)}`);
    if (sharded.length !== 50 || classic.length !== 50) f.push(`captured ${sharded.length} sharded / ${classic.length} classic payloads`);
    let values = 0, identical = 0;
    const zero = (v) => (typeof v === "number" && v === 0 ? 0 : Array.isArray(v) ? v.map(zero) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, zero(x)])) : v);
    for (let i = 0; i < Math.min(sharded.length, classic.length); i++) {
      const text = sharded[i].toString();
      let ours;
      try { ours = JSON.parse(text); } catch (e) { f.push(`batch ${i}: not JSON: ${e.message}`); continue; }
      const env = notepack.decode(classic[i]);
      const data = env[1].data;
      values += data.length - 1;
      // JSON has no -0 (JSON.stringify writes 0), the only value difference allowed.
      if (!L.deepEqual(zero(ours.data.packet.data), zero(data))) f.push(`batch ${i}: values differ from the classic payload's: ${L.short(text, 300)}`);
      if (i < 40) {
        const expected = JSON.stringify({ type: 3, data: { packet: { type: 2, data }, opts: { rooms: [], except: [], flags: {} } }, uid: "emitter", nsp: "/" });
        if (text === expected) identical++;
        else {
          let j = 0;
          while (j < text.length && text[j] === expected[j]) j++;
          f.push(`batch ${i}: differs from JSON.stringify at ${j}: ours ${JSON.stringify(text.slice(Math.max(0, j - 30), j + 30))} js ${JSON.stringify(expected.slice(Math.max(0, j - 30), j + 30))}`);
        }
      }
    }
    rep.check(`random values (seed ${seed}): sharded JSON = JSON.stringify of the classic msgpack values`, f.slice(0, 5), `${values} values, ${identical}/40 batches byte-identical`);
  } finally {
    await raw.quit().catch(() => {});
    await rawP.quit().catch(() => {});
  }
}

// Also run by tests/cluster on a Redis Cluster: `env` = { label, makeClient
// (a node-redis client or cluster client), port (of the default ini DSN),
// ini (php.ini settings, e.g. a redis+cluster:// DSN) }.
async function delivery(rep, env, mode, closers) {
  const { port, label = "sharded" } = env;
  const local = [];
  const close = () => L.closeAll(local);
  closers.push(close);
  const servers = [];
  const serverGot = { A: [], B: [] };
  for (const name of ["A", "B"]) {
    const pub = env.makeClient(), sub = pub.duplicate();
    for (const c of [pub, sub]) { c.on("error", () => {}); await c.connect(); local.push(() => c.quit().catch(() => {})); }
    const adapter = createShardedAdapter(pub, sub, { subscriptionMode: mode });
    servers.push({ name, ...await L.startIoServer(Server, adapter, ["/admin"], (args) => serverGot[name].push(args), local) });
  }
  const [A, B] = servers;
  const clients = {};
  const connect = (id, server, nsp, rooms) => { clients[id] = L.connectClient(ioc, server.port, nsp, rooms, local); };
  connect("a", A, "/", ["room1"]);
  connect("b", B, "/", ["room2"]);
  connect("c", B, "/admin", ["room1"]);
  connect("d", A, "/", []);
  const up = await L.waitUntil(() => Object.values(clients).every((c) => c.socket.connected), 5000);
  await L.sleep(300); // SSUBSCRIBE of the namespaces and (dynamic modes) of the rooms
  rep.check(`${label} ${mode}: 4 clients connected`, up ? [] : ["not all connected"]);

  const run = async (name) => {
    const r = await L.runPhp(PHP_SCRIPT, [name, mode], { port, ini: env.ini || {} });
    const rec = L.phpRecords(r.stdout)[0];
    return rec || { error: `no record: ${L.describePhpFailure(r)}` };
  };
  const bin = (hex) => ({ $bin: hex });
  const perRoom = mode !== "static";
  // case, expected events per client, expected emit() return (undefined: not checked)
  const cases = [
    ["all", { a: [["s_all", "everyone", { n: 1.5, list: [1, "two", null] }]], b: "same", d: "same" }, 2],
    ["room1", { a: [["s_room1", "r1"]] }, perRoom ? 1 : 2],
    ["room1_room2", { a: [["s_r12"]], b: [["s_r12"]] }, 2],
    ["except_room2", { a: [["s_not_r2"]], d: [["s_not_r2"]] }, 2],
    ["room1_except_room2", { a: [["s_r1_not_r2"]] }, perRoom ? 1 : 2],
    ["admin_room1", { c: [["s_admin", { x: "y" }]] }, perRoom ? 1 : 2], // both servers have /admin
    ["binary", { b: [["s_bin", bin("0001feff"), "text"]] }, perRoom ? 1 : 2],
    ["volatile", { a: [["s_volatile", 1]], b: "same", d: "same" }, 2],
    ["unicode", { a: [["s_unicode", "é\u{1F600}\"\\\n\t\x01", 0, 1e21, 0.1]] }, perRoom ? 1 : 2],
    ["nobody", {}, 0],
    ["join_room3", {}, null],
    ["room3", { a: [["s_room3"]] }, perRoom ? 1 : 2],
    ["leave_room3", {}, null],
    ["room3_after_leave", {}, undefined],
    ["server_side", {}, 2],
    ["batch", { a: [["s_batch", 1], ["s_batch", 3]], b: [["s_batch", 2], ["s_batch", 3]], d: [["s_batch", 3]] }, undefined],
    ["deferred", { b: [["s_deferred", "later"]] }, undefined],
  ];
  for (const [name, expected, ret] of cases) {
    for (const c of Object.values(clients)) c.log.length = 0;
    const rec = await run(name);
    const want = {};
    let prev = null;
    for (const id of Object.keys(clients)) {
      const e = expected[id] === "same" ? prev : (expected[id] || []);
      want[id] = e;
      if (expected[id] && expected[id] !== "same") prev = expected[id];
    }
    const total = Object.values(want).reduce((n, e) => n + e.length, 0);
    await L.waitUntil(() => Object.values(clients).reduce((n, c) => n + c.log.length, 0) >= total, 3000);
    await L.sleep(name.startsWith("join") || name.startsWith("leave") ? 400 : 150);
    const f = [];
    if (rec.error) f.push(`PHP: ${rec.error}`);
    if (ret !== undefined && !rec.error && !L.deepEqual(rec.ret, ret)) f.push(`emit() returned ${JSON.stringify(rec.ret)}, expected ${JSON.stringify(ret)}`);
    for (const [id, c] of Object.entries(clients)) {
      const got = c.log.map((x) => [x.ev, ...x.args]);
      const exp = want[id];
      if (name === "volatile" && got.length === 0) continue; // may be dropped legitimately
      // A batch's commands for channels on different cluster nodes have no order between them.
      const sorted = (list) => list.map((x) => JSON.stringify(x)).sort();
      if (name === "batch" && env.unordered && L.deepEqual(sorted(got), sorted(exp))) continue;
      if (!L.deepEqual(got, exp)) f.push(`client ${id} got ${L.short(JSON.stringify(got))}, expected ${L.short(JSON.stringify(exp))}`);
    }
    if (name === "server_side") {
      await L.waitUntil(() => serverGot.A.length && serverGot.B.length, 2000);
      const exp = [["from-php", bin("07")]];
      for (const s of ["A", "B"]) if (!L.deepEqual(serverGot[s], exp)) f.push(`server ${s} got ${JSON.stringify(serverGot[s])}`);
    }
    if (name === "deferred" && !rec.error) {
      if (rec.ret.emit !== true || rec.ret.receivers < 1 || rec.ret.errors !== 0) f.push(`deferred: ${JSON.stringify(rec.ret)}`);
    }
    rep.check(`${label} ${mode}: ${name}`, f);
  }
  {
    const rec = await run("disconnect_room2");
    const gone = await L.waitUntil(() => !clients.b.socket.connected, 3000);
    const f = [];
    if (rec.error) f.push(`PHP: ${rec.error}`);
    if (!gone) f.push("client b (room2) still connected");
    if (!clients.a.socket.connected || !clients.d.socket.connected) f.push("another client was disconnected");
    rep.check(`${label} ${mode}: disconnect_room2`, f);
  }
  await close();
}

async function main() {
  const rep = L.reporter();
  L.watchdog(240000);
  let redis = null;
  const closers = [];
  try {
    redis = await L.startRedis();
    const url = `redis://${L.HOST}:${redis.port}`;
    await conformance(rep, url, redis.port, closers); // its subscriber is gone after: counts below are the servers'
    await random(rep, url, redis.port);
    const env = { label: "sharded", makeClient: () => createClient({ url }), port: redis.port };
    for (const mode of MODES) await delivery(rep, env, mode, closers);
  } catch (e) {
    rep.check("sharded.js ran", [String(e && e.stack || e)]);
  } finally {
    await L.closeAll(closers);
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

if (require.main === module) main();
module.exports = { delivery };
