"use strict";
// The Redis Streams adapter (@socket.io/redis-streams-adapter 0.3.1) with
// 'adapter' => 'streams':
//  1. conformance: the PHP call of each golden streams vector
//     (tests/golden/golden-vectors-streams.json, captured from the adapter
//     with its uid forced to "emitter") appends exactly the vector's entry
//     fields to the stream (read back with XRANGE), or, serverSideEmit,
//     publishes exactly its bytes on its channel;
//  2. delivery, for the default settings and for stream_name/stream_count 3/
//     max_len: two socket.io 4.8.3 servers on the streams adapter and
//     socket.io-client 4.8.3 clients in rooms and namespaces; every kind of
//     PHP call (emit to all / rooms / except / a namespace, binary, nested and
//     unicode values, volatile, batch, deferred, socketsJoin/Leave,
//     serverSideEmit, disconnectSockets) reaches exactly the right clients (or
//     servers) once; emit() returns true; with stream_count 3 a namespace the
//     adapter maps to a negative stream index is refused and nothing arrives.
//
//   node streams.js [-v]

const fs = require("fs");
const path = require("path");
const { Server } = require("socket.io");
const { io: ioc } = require("socket.io-client");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { createClient } = require("redis");
const L = require("./lib");

const PHP_SCRIPT = path.join(__dirname, "streams.php");
const VECTORS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "golden-vectors-streams.json"), "utf8"));

async function conformance(rep, url, port) {
  const raw = createClient({ url });
  const sub = createClient({ url });
  for (const c of [raw, sub]) { c.on("error", () => {}); await c.connect(); }
  try {
    await raw.del("socket.io");
    const published = [];
    await sub.subscribe("socket.io#/#", (payload, channel) => published.push({ channel: String(channel), payload }), true);
    const names = VECTORS.map((v) => v.name.split("/")[1]);
    const r = await L.runPhp(PHP_SCRIPT, ["vectors", JSON.stringify({ adapter: "streams" }), ...names], { port });
    const recs = new Map(L.phpRecords(r.stdout).map((x) => [x.name, x]));
    await L.waitUntil(() => published.length >= 1, 2000);
    const entries = await raw.xRange("socket.io", "-", "+");
    const xadds = VECTORS.filter((v) => v.command === "XADD");
    rep.check(`streams: one entry per XADD vector (${xadds.length})`, entries.length === xadds.length ? [] : [`XRANGE has ${entries.length}`]);
    let next = 0;
    VECTORS.forEach((v, i) => {
      const f = [];
      const rec = recs.get(names[i]);
      if (!rec || rec.error) f.push(`PHP: ${rec ? rec.error : L.describePhpFailure(r)}`);
      if (v.command === "XADD") {
        const entry = entries[next++];
        if (!entry) f.push("no entry");
        else if (!L.deepEqual(entry.message, v.fields)) f.push(`fields ${L.short(JSON.stringify(entry.message), 400)}, expected ${L.short(JSON.stringify(v.fields), 400)}`);
        if (rec && !rec.error && rec.ret !== true && rec.ret !== null) f.push(`returned ${JSON.stringify(rec.ret)}`);
        rep.check(`vector ${v.name}: XADD ${v.xadd_args.slice(0, 5).join(" ")} ..., identical fields`, f);
      } else {
        const got = published[0];
        if (!got) f.push("nothing published");
        else {
          if (got.channel !== v.channel) f.push(`channel ${got.channel}`);
          if (got.payload.toString("hex") !== v.payload_hex) f.push(`bytes ${got.payload.toString("hex")}`);
        }
        rep.check(`vector ${v.name}: PUBLISH ${v.channel}, byte-identical`, f);
      }
    });
    await raw.del("socket.io");
  } finally {
    await raw.quit().catch(() => {});
    await sub.quit().catch(() => {});
  }
}

async function delivery(rep, env, setup, closers) {
  const { port, label = "streams" } = env;
  const local = [];
  const close = () => L.closeAll(local);
  closers.push(close);
  const servers = [];
  const serverGot = { A: [], B: [] };
  for (const name of ["A", "B"]) {
    const client = env.makeClient();
    client.on("error", () => {});
    await client.connect();
    local.push(() => client.quit().catch(() => {}));
    const adapter = createAdapter(client, setup.server);
    servers.push({ name, ...await L.startIoServer(Server, adapter, ["/admin", "/notifications"], (args) => serverGot[name].push(args), local) });
  }
  const [A, B] = servers;
  const clients = {};
  const connect = (id, server, nsp, rooms) => { clients[id] = L.connectClient(ioc, server.port, nsp, rooms, local); };
  connect("a", A, "/", ["room1"]);
  connect("b", B, "/", ["room2"]);
  connect("c", B, "/admin", ["room1"]);
  connect("d", A, "/", []);
  connect("e", A, "/notifications", []);
  const up = await L.waitUntil(() => Object.values(clients).every((c) => c.socket.connected), 5000);
  await L.sleep(500); // every server's XREAD BLOCK is waiting (entries before it are not read)
  rep.check(`${label} ${setup.name}: 5 clients connected`, up ? [] : ["not all connected"]);

  const run = async (name) => {
    const r = await L.runPhp(PHP_SCRIPT, [name, JSON.stringify(setup.php)], { port, ini: env.ini || {} });
    const rec = L.phpRecords(r.stdout)[0];
    return rec || { error: `no record: ${L.describePhpFailure(r)}` };
  };
  const bin = (hex) => ({ $bin: hex });
  const refused = setup.negativeNotifications;
  // case, expected events per client, expected emit() return (undefined: not checked)
  const cases = [
    ["all", { a: [["s_all", "everyone", { n: 1.5, list: [1, "two", null], deep: [[{ x: [true, false] }]] }]], b: "same", d: "same" }, true],
    ["room1", { a: [["s_room1", "r1"]] }, true],
    ["room1_room2", { a: [["s_r12"]], b: [["s_r12"]] }, true],
    ["except_room2", { a: [["s_not_r2"]], d: [["s_not_r2"]] }, true],
    ["room1_except_room2", { a: [["s_r1_not_r2"]] }, true],
    ["admin_room1", { c: [["s_admin", { x: "y" }]] }, true],
    ["binary", { b: [["s_bin", bin("0001feff"), { nested: bin("07") }, "text"]] }, true],
    ["volatile", { a: [["s_volatile", 1]], b: "same", d: "same" }, true],
    ["unicode", { a: [["s_unicode", "é\u{1F600}\"\\\n\t\x01", 0, 1e21, 0.1, { "ключ": "值" }]] }, true],
    ["nobody", {}, 0],
    ["join_room3", {}, null],
    ["room3", { a: [["s_room3"]] }, true],
    ["leave_room3", {}, null],
    ["room3_after_leave", {}, true],
    // PUBLISH's count: both servers; on a cluster only the node's own subscribers (unchecked).
    ["server_side", {}, env.clusterPublish ? undefined : 2],
    ["batch", { a: [["s_batch", 1], ["s_batch", 3]], b: [["s_batch", 2], ["s_batch", 3]], d: [["s_batch", 3]] }, [true, true, true]],
    ["deferred", { b: [["s_deferred", "later"]] }, undefined],
    ["unreachable_nsp", refused ? {} : { e: [["s_lost"]] }, refused ? undefined : true],
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
    await L.sleep(name.startsWith("join") || name.startsWith("leave") || total === 0 ? 400 : 150);
    const f = [];
    if (name === "unreachable_nsp" && refused) {
      if (!rec.error || !rec.error.includes("cannot be reached with stream_count 3") || !rec.error.includes("-2")) f.push(`expected the negative-index exception, got ${JSON.stringify(rec)}`);
    } else if (rec.error) f.push(`PHP: ${rec.error}`);
    if (ret !== undefined && !rec.error && !L.deepEqual(rec.ret, ret)) f.push(`returned ${JSON.stringify(rec.ret)}, expected ${JSON.stringify(ret)}`);
    for (const [id, c] of Object.entries(clients)) {
      const got = c.log.map((x) => [x.ev, ...x.args]);
      const exp = want[id];
      if (name === "volatile" && got.length === 0) continue; // may be dropped legitimately
      if (!L.deepEqual(got, exp)) f.push(`client ${id} got ${L.short(JSON.stringify(got))}, expected ${L.short(JSON.stringify(exp))}`);
    }
    if (name === "server_side") {
      await L.waitUntil(() => serverGot.A.length && serverGot.B.length, 2000);
      await L.sleep(100);
      const exp = [["from-php", bin("07")]];
      for (const s of ["A", "B"]) if (!L.deepEqual(serverGot[s], exp)) f.push(`server ${s} got ${JSON.stringify(serverGot[s])}`);
    }
    if (name === "deferred" && !rec.error) {
      const d = rec.ret;
      if (d.emit !== true || d.errors !== 0 || d.replies !== d.appended) f.push(`deferred: ${JSON.stringify(d)}`);
    }
    rep.check(`${label} ${setup.name}: ${name}`, f);
  }
  if (setup.streams) {
    const raw = env.makeClient();
    raw.on("error", () => {});
    await raw.connect();
    const lens = {};
    for (const s of setup.streams) lens[s] = await raw.xLen(s);
    await raw.quit().catch(() => {});
    const f = [];
    for (const [s, min] of Object.entries(setup.expectEntries)) if (!(lens[s] >= min)) f.push(`${s}: ${lens[s]} entries, expected >= ${min}`);
    for (const s of setup.expectEmpty) if (lens[s] !== 0) f.push(`${s}: ${lens[s]} entries, expected none`);
    rep.check(`${label} ${setup.name}: entries in the streams the adapter reads (${JSON.stringify(lens)})`, f);
  }
  {
    const rec = await run("disconnect_room2");
    const gone = await L.waitUntil(() => !clients.b.socket.connected, 3000);
    const f = [];
    if (rec.error) f.push(`PHP: ${rec.error}`);
    if (!gone) f.push("client b (room2) still connected");
    if (!clients.a.socket.connected || !clients.d.socket.connected) f.push("another client was disconnected");
    rep.check(`${label} ${setup.name}: disconnect_room2`, f);
  }
  await close();
}

const SETUPS = [
  { name: "defaults", php: { adapter: "streams" }, server: {}, negativeNotifications: false },
  {
    name: "stream_count 3",
    php: { adapter: "streams", stream_name: "sio-e2e", stream_count: 3, max_len: 500 },
    server: { streamName: "sio-e2e", streamCount: 3, maxLen: 500 },
    negativeNotifications: true,
    // hashCode: '/' 47 % 3 = 2, '/admin' 1438238848 % 3 = 1
    streams: ["sio-e2e", "sio-e2e-0", "sio-e2e-1", "sio-e2e-2"],
    expectEntries: { "sio-e2e-1": 1, "sio-e2e-2": 10 },
    expectEmpty: ["sio-e2e", "sio-e2e-0"],
  },
];

async function main() {
  const rep = L.reporter();
  L.watchdog(240000);
  let redis = null;
  const closers = [];
  try {
    redis = await L.startRedis();
    const url = `redis://${L.HOST}:${redis.port}`;
    await conformance(rep, url, redis.port);
    const env = { label: "streams", makeClient: () => createClient({ url }), port: redis.port };
    for (const setup of SETUPS) await delivery(rep, env, setup, closers);
  } catch (e) {
    rep.check("streams.js ran", [String(e && e.stack || e)]);
  } finally {
    await L.closeAll(closers);
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

if (require.main === module) main();
module.exports = { delivery, SETUPS };
