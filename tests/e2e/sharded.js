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

const http = require("http");
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

async function delivery(rep, url, port, mode, closers) {
  const local = [];
  const close = async () => { for (const c of local.reverse()) { try { await Promise.race([Promise.resolve(c()), L.sleep(1000)]); } catch (_) { /* closing */ } } };
  closers.push(close);
  const servers = [];
  const serverGot = { A: [], B: [] };
  for (const name of ["A", "B"]) {
    const pub = createClient({ url }), sub = pub.duplicate();
    for (const c of [pub, sub]) { c.on("error", () => {}); await c.connect(); local.push(() => c.quit().catch(() => {})); }
    const httpServer = http.createServer();
    const io = new Server(httpServer, { adapter: createShardedAdapter(pub, sub, { subscriptionMode: mode }) });
    local.push(() => io.close());
    const join = (socket) => { for (const r of (socket.handshake.auth.rooms || [])) socket.join(r); };
    io.on("connection", join);
    io.of("/admin").on("connection", join);
    io.on("s_server", (...args) => serverGot[name].push(L.norm(args)));
    await new Promise((r) => httpServer.listen(0, L.HOST, r));
    servers.push({ name, io, port: httpServer.address().port });
  }
  const [A, B] = servers;
  const clients = {};
  const connect = (id, server, nsp, rooms) => {
    const socket = ioc(`http://${L.HOST}:${server.port}${nsp}`, { forceNew: true, transports: ["websocket"], reconnection: false, auth: { rooms } });
    const c = { socket, log: [], disconnects: [] };
    socket.onAny((ev, ...args) => c.log.push({ ev, args: L.norm(args) }));
    socket.on("disconnect", (reason) => c.disconnects.push(reason));
    local.push(() => socket.close());
    clients[id] = c;
  };
  connect("a", A, "/", ["room1"]);
  connect("b", B, "/", ["room2"]);
  connect("c", B, "/admin", ["room1"]);
  connect("d", A, "/", []);
  const up = await L.waitUntil(() => Object.values(clients).every((c) => c.socket.connected), 5000);
  await L.sleep(300); // SSUBSCRIBE of the namespaces and (dynamic modes) of the rooms
  rep.check(`sharded ${mode}: 4 clients connected`, up ? [] : ["not all connected"]);

  const run = async (name) => {
    const r = await L.runPhp(PHP_SCRIPT, [name, mode], { port });
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
    rep.check(`sharded ${mode}: ${name}`, f);
  }
  {
    const rec = await run("disconnect_room2");
    const gone = await L.waitUntil(() => !clients.b.socket.connected, 3000);
    const f = [];
    if (rec.error) f.push(`PHP: ${rec.error}`);
    if (!gone) f.push("client b (room2) still connected");
    if (!clients.a.socket.connected || !clients.d.socket.connected) f.push("another client was disconnected");
    rep.check(`sharded ${mode}: disconnect_room2`, f);
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
    for (const mode of MODES) await delivery(rep, url, redis.port, mode, closers);
  } catch (e) {
    rep.check("sharded.js ran", [String(e && e.stack || e)]);
  } finally {
    for (const c of closers.reverse()) {
      try { await Promise.race([Promise.resolve(c()), L.sleep(1000)]); } catch (_) { /* closing */ }
    }
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

main();
