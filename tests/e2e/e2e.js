"use strict";
// End to end: PHP (our extension) -> Redis -> two real Socket.IO 4.8.3 servers
// (@socket.io/redis-adapter 8.3.0) -> real socket.io-client 4.8.3 clients.
//
//   node e2e.js [-v]
//
// Env: SOCKETIO_EXT (path of the .so), REDIS_PORT (use this Redis instead of
// starting a private one), PHP_BIN (php binary, default "php").
//
// Every client records everything it receives (socket.onAny). Each case runs
// e2e.php once, waits (bounded) until the clients that should get the event
// have it, then checks that exactly those clients got it, exactly once, with
// the right arguments. At the end, once nothing has arrived for a while, each
// client's complete log must equal the multiset of events expected for it:
// nothing missing, nothing duplicated, nothing else.

const http = require("http");
const path = require("path");
const { Server } = require("socket.io");
const { io: ioc } = require("socket.io-client");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");
const L = require("./lib");

const PHP_SCRIPT = path.join(__dirname, "e2e.php");
const NSPS = ["/", "/admin"];

// [name, server index, namespace, rooms joined by the server on connection]
const CLIENTS = [
  ["a", 0, "/", ["room1"]],
  ["b", 0, "/", ["room2", "42"]],
  ["c", 0, "/", ["room1", "room2"]],
  ["d", 0, "/", []],
  ["adm1", 0, "/admin", ["room1"]],
  ["e", 1, "/", ["room1"]],
  ["f", 1, "/", ["room3", "é🎉 chambre"]],
  ["g", 1, "/", ["room2", "room3"]],
  ["h", 1, "/", []],
  ["adm2", 1, "/admin", []],
  ["adm3", 1, "/admin", ["room2"]],
];
const ROOT = ["a", "b", "c", "d", "e", "f", "g", "h"];

const bytes0to255 = Buffer.from([...Array(256).keys()]).toString("hex");

// One entry per e2e.php case. `to`: clients that must receive the event
// exactly once (per `count`); everybody else must not receive it.
// `args` may be a function of the PHP record (for the 1 MiB digests);
// `arg` (a function of the clients) is passed to e2e.php.
const CASES = [
  // Volatile first, while every transport is idle: socket.io legitimately
  // drops a volatile packet when the transport is busy, so only "at most once
  // and never to the wrong client" is asserted.
  { name: "volatile", event: "t_volatile", args: ["v"], to: ["f", "g"], atMostOnce: true },
  { name: "room1", event: "t_room1", args: ["r1"], to: ["a", "c", "e"] },
  { name: "two_rooms", event: "t_two_rooms", args: ["r1+r2"], to: ["a", "b", "c", "e", "g"] },
  { name: "two_rooms_chained", event: "t_two_rooms_chained", args: ["r2+r3"], to: ["b", "c", "f", "g"] },
  { name: "except", event: "t_except", args: ["not-room2"], to: ["a", "d", "e", "f", "h"] },
  { name: "room_except", event: "t_room_except", args: ["r1-not-r2"], to: ["a", "e"] },
  { name: "to_socket_id", event: "t_to_socket_id", args: ["just-you"], to: ["h"], arg: (C) => C.h.socket.id },
  { name: "except_socket_id", event: "t_except_socket_id", args: ["room1-but-not-you"], to: ["c", "e"], arg: (C) => C.a.socket.id },
  { name: "admin", event: "t_admin", args: [{ x: 1 }], to: ["adm1", "adm2", "adm3"] },
  { name: "admin_room", event: "t_admin_room", args: ["admin-room2"], to: ["adm3"] },
  { name: "all", event: "t_all", args: [1, 2.5, null, true, false, -7], to: ROOT },
  { name: "compress_false", event: "t_compress_false", args: ["nc"], to: ["b", "c", "g"] },
  { name: "int_room", event: "t_int_room", args: [42], to: ["b"] },
  { name: "unicode", event: "t_ünï©ødé_🎉", args: ["héllo", "中文", "🎉", "\u0000nul", "ключ"], to: ["f"] },
  {
    name: "binary", event: "t_binary", to: ["f", "g"],
    // norm() turns Buffer/ArrayBuffer into {$bin}; a JSON-ified Buffer
    // ({type:'Buffer',data:[...]}) would not match.
    args: [{ $bin: bytes0to255 }, { name: "f.bin", data: { $bin: "00ff10" } }, { $bin: "" }],
  },
  {
    name: "nested", event: "t_nested", to: ["a", "c", "e"],
    args: [{
      user: { id: 7, name: "Zoë", roles: ["admin", "dev"], score: -12.75, active: true, manager: null },
      list: [1, -1, 255, 65536, -2147483649, 9007199254740991, 0.1],
      empty_list: [],
      empty_map: {},
      sparse: { 3: "c", 1: "a" },
      deep: [[{ x: [[1], [2, [3]]] }]],
      "ключ": "значение",
    }],
  },
  {
    name: "objects", event: "t_objects", to: ["d"], arg: (C) => C.d.socket.id,
    args: ["2021-06-07T06:09:10.123Z", { kind: "jsonSerializable", n: [1, 2] }, "red", { a: 1, b: [true] }],
  },
  { name: "burst", event: "t_burst", to: ["a", "c", "e"], sequence: 50 },
  {
    name: "big", event: "t_big", to: ["f", "g"], timeoutMs: 20000,
    args: (rec) => [{ $strDigest: rec.str }, { $binDigest: rec.bin }],
  },
];

// ---------------------------------------------------------------------------
async function withTimeout(p, ms, what) {
  let t;
  const timeout = new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what}: timeout after ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(t); }
}

async function startServer(i, port) {
  // Each server has its own pub and sub connections, like separate processes.
  const pub = createClient({ url: `redis://${L.HOST}:${port}`, name: `e2e-s${i}-pub` });
  const sub = pub.duplicate({ name: `e2e-s${i}-sub` });
  for (const c of [pub, sub]) c.on("error", (e) => console.error(`server ${i} redis error: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
  const serverSide = [];
  // serverSideEmit() from PHP arrives here on every server (the emitter's uid is not theirs).
  io.on("php-hello", (...args) => serverSide.push(args));
  for (const nsp of NSPS) {
    io.of(nsp).on("connection", (socket) => {
      const rooms = socket.handshake.auth && socket.handshake.auth.rooms;
      if (Array.isArray(rooms)) socket.join(rooms.map(String));
    });
  }
  await new Promise((r) => httpServer.listen(0, L.HOST, r));
  return { i, io, httpServer, pub, sub, serverSide, port: httpServer.address().port };
}

function connectClient([name, si, nsp, rooms], servers) {
  const url = `http://${L.HOST}:${servers[si].port}${nsp === "/" ? "" : nsp}`;
  // No reconnection: a dropped connection must show up as a failure, not be
  // papered over.
  const socket = ioc(url, { forceNew: true, transports: ["websocket"], reconnection: false, timeout: 5000, auth: { rooms } });
  const c = { name, si, nsp, rooms, socket, log: [], problems: [] };
  socket.onAny((ev, ...args) => c.log.push({ ev, args: L.norm(args) }));
  socket.on("disconnect", (reason) => c.problems.push(`disconnected (${reason})`));
  socket.on("connect_error", (err) => c.problems.push(`connect_error (${err.message})`));
  return c;
}

// Expected entries {ev, args} for one client, for one case.
function expectedFor(cs, rec, clientName) {
  if (!cs.to.includes(clientName)) return [];
  if (cs.sequence) return [...Array(cs.sequence).keys()].map((i) => ({ ev: cs.event, args: [i] }));
  return [{ ev: cs.event, args: typeof cs.args === "function" ? cs.args(rec) : cs.args }];
}

// Multiset comparison of received vs expected entries (order-free; the
// burst case checks order separately).
function compareMultiset(got, want, optional = []) {
  const rest = want.slice();
  const opt = optional.slice();
  const unexpected = [];
  for (const g of got) {
    let i = rest.findIndex((w) => w.ev === g.ev && L.deepEqual(w.args, g.args));
    if (i >= 0) { rest.splice(i, 1); continue; }
    i = opt.findIndex((w) => w.ev === g.ev && L.deepEqual(w.args, g.args));
    if (i >= 0) { opt.splice(i, 1); continue; }
    unexpected.push(g);
  }
  const f = [];
  if (unexpected.length) f.push(`unexpected: ${L.short(unexpected, 400)}`);
  if (rest.length) f.push(`missing: ${L.short(rest, 400)}`);
  return f;
}

async function main() {
  const rep = L.reporter();
  let redis = null, ctl = null;
  const servers = [];
  const clients = [];
  L.watchdog(240000);
  process.on("uncaughtException", (e) => {
    console.error(`uncaught exception: ${e.stack || e}`);
    console.log(`${rep.passed} passed, ${rep.failed + 1} failed`);
    process.exit(1);
  });
  try {
    if (!require("fs").existsSync(L.EXT)) throw new Error(`extension not found: ${L.EXT} (build it or set SOCKETIO_EXT)`);
    redis = await L.startRedis();
    console.log(`e2e: extension ${L.EXT}, Redis 127.0.0.1:${redis.port}${redis.owned ? " (private)" : ""}`);
    ctl = createClient({ url: `redis://${L.HOST}:${redis.port}`, name: "e2e-control" });
    ctl.on("error", (e) => console.error(`control redis error: ${e.message}`));
    await ctl.connect();

    // --- setup: 2 servers, 11 clients
    for (const i of [0, 1]) servers.push(await startServer(i, redis.port));
    // The adapters subscribe asynchronously: wait until both sub connections
    // hold their 2 pattern subscriptions ('/' and '/admin').
    let subs = "";
    const subscribed = async () => {
      const list = String(await ctl.sendCommand(["CLIENT", "LIST"]));
      subs = list.split("\n").filter((l) => / name=e2e-s\d-sub /.test(l)).map((l) => (l.match(/ psub=(\d+)/) || [])[1]);
      return subs.length === 2 && subs.every((n) => Number(n) === NSPS.length);
    };
    let ok = false;
    for (let k = 0; k < 100 && !(ok = await subscribed()); k++) await L.sleep(50);
    rep.check("setup: both adapters PSUBSCRIBEd to '/' and '/admin'", ok ? [] : [`psub counts ${JSON.stringify(subs)}`]);

    for (const spec of CLIENTS) clients.push(connectClient(spec, servers));
    const C = Object.fromEntries(clients.map((c) => [c.name, c]));
    await L.waitUntil(() => clients.every((c) => c.socket.connected || c.problems.length), 8000);
    // Server side, each socket must be in exactly its own id + the requested rooms.
    const roomProblems = () => clients.flatMap((c) => {
      if (!c.socket.connected) return [`${c.name}: not connected ${c.problems.join(", ")}`];
      const s = servers[c.si].io.of(c.nsp).sockets.get(c.socket.id);
      const want = [c.socket.id, ...c.rooms].sort();
      const have = s ? [...s.rooms].sort() : [];
      return L.deepEqual(want, have) ? [] : [`${c.name}: rooms ${JSON.stringify(have)} != ${JSON.stringify(want)}`];
    });
    await L.waitUntil(() => roomProblems().length === 0, 3000);
    const setupProblems = roomProblems();
    rep.check(`setup: ${clients.length} clients connected over 2 servers, rooms joined`, setupProblems);
    if (setupProblems.length) throw new Error("setup failed, not running the cases");
    // Nothing may have been received yet.
    rep.check("setup: clients received nothing before the first emit", clients.filter((c) => c.log.length).map((c) => `${c.name}: ${L.short(c.log)}`));

    // --- cases
    const records = new Map();
    for (const cs of CASES) {
      const f = [];
      const arg = cs.arg ? cs.arg(C) : undefined;
      const r = await L.runPhp(PHP_SCRIPT, arg === undefined ? [cs.name] : [cs.name, arg], { port: redis.port, timeoutMs: 30000 });
      const rec = L.phpRecords(r.stdout).find((x) => x.case === cs.name);
      if (!rec) {
        rep.check(`case ${cs.name}`, [`no result from e2e.php: ${L.describePhpFailure(r)}`]);
        continue;
      }
      if (rec.error) {
        rep.check(`case ${cs.name}`, [`PHP: ${rec.error}${r.stderr.trim() ? " / stderr: " + L.short(r.stderr.trim()) : ""}`]);
        continue;
      }
      if (r.code !== 0 || r.stderr.trim()) f.push(`PHP: ${L.describePhpFailure(r)}`);
      records.set(cs.name, rec);

      // emit() returns PUBLISH's count: one PSUBSCRIBE connection per server.
      for (const ret of [].concat(rec.ret)) {
        if (!Number.isInteger(ret) || (redis.owned ? ret !== 2 : ret < 2)) {
          f.push(`emit() returned ${JSON.stringify(ret)}, expected ${redis.owned ? "" : ">= "}2 (one subscriber per server)`);
          break;
        }
      }

      const want = Object.fromEntries(clients.map((c) => [c.name, expectedFor(cs, rec, c.name)]));
      const mine = (c) => c.log.filter((x) => x.ev === cs.event);
      if (cs.atMostOnce) await L.sleep(500);
      else await L.waitUntil(() => clients.every((c) => mine(c).length >= want[c.name].length), cs.timeoutMs || 5000);
      await L.sleep(150); // grace period for duplicates / strays
      for (const c of clients) {
        const got = mine(c);
        if (cs.atMostOnce) {
          if (got.length > (want[c.name].length ? 1 : 0)) f.push(`${c.name}: got ${got.length}x, expected ${want[c.name].length ? "at most 1" : "none"}`);
          else f.push(...compareMultiset(got, [], want[c.name]).map((x) => `${c.name}: ${x}`));
        } else {
          f.push(...compareMultiset(got, want[c.name]).map((x) => `${c.name}: ${x}`));
          if (cs.sequence && got.length === want[c.name].length && !L.deepEqual(got, want[c.name])) f.push(`${c.name}: burst arrived out of order`);
        }
      }
      let note = "";
      if (cs.atMostOnce) note = `delivered to ${clients.filter((c) => mine(c).length).map((c) => c.name).join(",") || "nobody"} (at most once allowed)`;
      rep.check(`case ${cs.name}`, f, note);
    }

    // --- quiescence, then the complete per-client comparison
    let last = -1, stableSince = Date.now();
    const total = () => clients.reduce((n, c) => n + c.log.length, 0);
    const quietEnd = Date.now() + 5000;
    while (Date.now() < quietEnd && Date.now() - stableSince < 500) {
      if (total() !== last) { last = total(); stableSince = Date.now(); }
      await L.sleep(20);
    }
    for (const c of clients) {
      const want = [], optional = [];
      for (const cs of CASES) {
        if (!records.has(cs.name)) continue; // already reported as failed
        (cs.atMostOnce ? optional : want).push(...expectedFor(cs, records.get(cs.name), c.name));
      }
      const f = compareMultiset(c.log, want, optional);
      f.push(...c.problems);
      rep.check(`client ${c.name} (server ${c.si + 1}, ${c.nsp}, rooms ${JSON.stringify(c.rooms)}): exactly its events, once, nothing else`, f, `${c.log.length} events`);
    }

    // --- remote operations: socketsJoin / socketsLeave / serverSideEmit / disconnectSockets
    const php = async (name) => {
      const r = await L.runPhp(PHP_SCRIPT, [name], { port: redis.port, timeoutMs: 30000 });
      const rec = L.phpRecords(r.stdout).find((x) => x.case === name);
      return rec ? rec : { error: L.describePhpFailure(r) };
    };
    const roomsOf = (c) => {
      const s = servers[c.si].io.of(c.nsp).sockets.get(c.socket.id);
      return s ? [...s.rooms] : [];
    };
    const inJoined = () => clients.filter((c) => roomsOf(c).includes("joined")).map((c) => c.name).sort();
    let rec = await php("join_room3_to_joined");
    await L.waitUntil(() => inJoined().length >= 1, 3000);
    await L.sleep(150);
    // room3 = f, g; except room2 removes g; int room 7 becomes "7".
    rep.check("socketsJoin: in(room3)->except(room2) sockets joined 'joined' and '7' on their server",
      [...(rec.error ? [`PHP: ${rec.error}`] : []),
       ...(L.deepEqual(inJoined(), ["f"]) ? [] : [`in 'joined': ${JSON.stringify(inJoined())}, expected ["f"]`]),
       ...(roomsOf(C.f).includes("7") ? [] : ["f is not in room '7'"])]);
    const before = C.f.log.length;
    rec = await php("emit_joined");
    await L.waitUntil(() => C.f.log.length > before, 3000);
    await L.sleep(150);
    const gotJoined = clients.filter((c) => c.log.some((x) => x.ev === "t_joined")).map((c) => c.name);
    rep.check("an emit to the joined room reaches exactly the joined socket, once",
      L.deepEqual(gotJoined, ["f"]) && C.f.log.filter((x) => x.ev === "t_joined").length === 1 ? [] : [`received by ${JSON.stringify(gotJoined)}`]);
    rec = await php("leave_joined");
    await L.waitUntil(() => inJoined().length === 0, 3000);
    rep.check("socketsLeave: in(room3) sockets left 'joined'", inJoined().length === 0 && !rec.error ? [] : [`still in: ${JSON.stringify(inJoined())} ${rec.error || ""}`]);
    rec = await php("server_side_emit");
    await L.waitUntil(() => servers.every((s) => s.serverSide.length >= 1), 3000);
    await L.sleep(150);
    const wantSs = [["world", 1, { k: "v" }, { type: "Buffer", data: [1, 2] }]];
    rep.check("serverSideEmit: every server's listener got the args once (Binary as a JSON Buffer, as Node sends it)",
      [...(rec.error ? [`PHP: ${rec.error}`] : []),
       ...(Number.isInteger(rec.ret) && rec.ret >= 2 ? [] : [`returned ${JSON.stringify(rec.ret)}`]),
       ...servers.flatMap((s) => (L.deepEqual(s.serverSide, wantSs) ? [] : [`server ${s.i + 1} got ${JSON.stringify(s.serverSide)}`]))]);
    const reasons = {};
    for (const c of clients) c.socket.on("disconnect", (reason) => { reasons[c.name] = reason; });
    rec = await php("disconnect_room3");
    await L.waitUntil(() => reasons.f && reasons.g, 3000);
    await L.sleep(150);
    rep.check("disconnectSockets(true): exactly the room3 sockets (f, g) were disconnected by the server",
      [...(rec.error ? [`PHP: ${rec.error}`] : []),
       ...(L.deepEqual(Object.keys(reasons).sort(), ["f", "g"]) ? [] : [`disconnected: ${JSON.stringify(reasons)}`]),
       ...Object.entries(reasons).filter(([, r]) => r !== "io server disconnect").map(([n, r]) => `${n}: reason ${r}`)]);
  } catch (e) {
    console.error(`e2e: ${process.env.VERBOSE || process.argv.includes("-v") ? e.stack : e.message}`);
    rep.failed++;
  } finally {
    // Orderly shutdown, each step bounded; whatever is left is killed on exit.
    for (const c of clients) c.socket.close();
    for (const s of servers) {
      try { await withTimeout(new Promise((r) => s.io.close(() => r())), 3000, "io.close"); } catch (e) { console.error(e.message); }
      for (const rc of [s.pub, s.sub]) { try { await withTimeout(rc.quit(), 2000, "redis quit"); } catch (e) { /* ignore */ } }
    }
    if (ctl) { try { await withTimeout(ctl.quit(), 2000, "redis quit"); } catch (e) { /* ignore */ } }
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

main();
