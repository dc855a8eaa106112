"use strict";
// Round trips (serverCount, fetchSockets, emitWithAck, TimeoutException)
// against real socket.io 4.8 servers, each in its own process (so one can be
// frozen with SIGSTOP): three on the classic adapter (one with
// publishOnSpecificResponseChannel), then two on createShardedAdapter.
// Clients carry auth {user, rooms, noack}; the servers copy it to socket.data
// (with a Buffer) and join the rooms, in "/" and "/admin".
//
//   node roundtrip.js [-v]
//   node roundtrip.js --server PORT REDIS_PORT classic|sharded SPECIFIC   (a server)

const http = require("http");
const path = require("path");
const { spawn } = require("child_process");
const L = require("./lib");

if (process.argv[2] === "--server") {
  server(process.argv.slice(3));
} else {
  main().then((code) => process.exit(code), (e) => {
    console.error(e);
    console.log("0 passed, 1 failed");
    process.exit(1);
  });
}

async function server([port, redisPort, adapter, specific]) {
  // Stopped by the test: quietly (lib.js' handler reports signals as failures).
  process.removeAllListeners("SIGTERM");
  process.on("SIGTERM", () => process.exit(0));
  const { Server } = require("socket.io");
  const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
  const { createClient } = require("redis");
  const url = `redis://${L.HOST}:${redisPort}`;
  const pub = createClient({ url });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    adapter: adapter === "sharded"
      ? createShardedAdapter(pub, sub)
      : createAdapter(pub, sub, { publishOnSpecificResponseChannel: specific === "1" }),
  });
  const setup = (nsp) => {
    nsp.use((socket, next) => {
      const auth = socket.handshake.auth || {};
      socket.data = { user: auth.user, server: port, bin: Buffer.from([1, 2, 255]) };
      next();
    });
    nsp.on("connection", (socket) => socket.join(socket.handshake.auth.rooms || []));
  };
  setup(io.of("/"));
  setup(io.of("/admin"));
  httpServer.listen(Number(port), L.HOST, () => console.log("ready"));
}

function startServer(port, redisPort, adapter, specific) {
  const child = L.track(spawn(process.execPath, [__filename, "--server", String(port), String(redisPort), adapter, specific ? "1" : "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  }));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("server did not start")), 10000);
    child.stdout.on("data", (d) => {
      if (String(d).includes("ready")) { clearTimeout(t); resolve(child); }
    });
  });
}

async function freePort() {
  const net = require("net");
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, L.HOST, () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

function client(port, nsp, auth) {
  const { io: ioc } = require("socket.io-client");
  const socket = ioc(`http://${L.HOST}:${port}${nsp}`, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  socket.on("ping", (arg, cb) => {
    if (auth.noack) return;
    cb(arg === "bin" ? { user: auth.user, bin: Buffer.from([9, 8]), at: new Date(1000) } : { user: auth.user, got: arg });
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function php(adapter, kase, opts, port) {
  const r = await L.runPhp(path.join(__dirname, "roundtrip.php"), [adapter, kase, JSON.stringify(opts || {})], { port, timeoutMs: 30000 });
  const rec = L.phpRecords(r.stdout)[0];
  if (!rec) return { error: L.describePhpFailure(r), ms: -1 };
  return rec;
}

const sorted = (a) => [...a].sort();
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

async function main() {
  const rep = L.reporter();
  L.watchdog(120000);
  const redis = await L.startRedis();
  const { createClient } = require("redis");
  const raw = createClient({ url: `redis://${L.HOST}:${redis.port}` });
  await raw.connect();
  const sockets = [];
  try {
    await classic(rep, redis.port, raw, sockets);
    for (const s of sockets.splice(0)) s.disconnect();
    await sharded(rep, redis.port, sockets);
    await frozenRedis(rep);
  } finally {
    for (const s of sockets) s.disconnect();
    await raw.quit().catch(() => {});
    L.killAll();
    await redis.stop();
  }
  return rep.finish();
}

// On every server one client in team:1 and one in team:1 + vip.
async function team1Clients(ports, sockets) {
  const team1 = [];
  for (const [i, port] of ports.entries()) {
    const a = await client(port, "/", { user: `a${i}`, rooms: ["team:1"] });
    const b = await client(port, "/", { user: `b${i}`, rooms: ["team:1", "vip"] });
    team1.push(a, b);
    sockets.push(a, b);
  }
  return team1;
}

async function classic(rep, redisPort, raw, sockets) {
  const ports = [await freePort(), await freePort(), await freePort()];
  const servers = [];
  for (const [i, port] of ports.entries()) servers.push(await startServer(port, redisPort, "classic", i === 2));
  // Clients: on every server one in team:1, one in team:1+vip; u-late (no ack) in team:2 on server 0.
  const team1 = await team1Clients(ports, sockets);
  const other = await client(ports[1], "/", { user: "o", rooms: ["team:2"] });
  const silent = await client(ports[0], "/", { user: "silent", rooms: ["team:2"], noack: true });
  const admin = await client(ports[2], "/admin", { user: "adm", rooms: ["team:1"] });
  const presence = await client(ports[1], "/", { user: "p1", rooms: ["user:p1"] });
  sockets.push(other, silent, admin, presence);

  let r = await php("classic", "count", {}, redisPort);
  rep.check("classic: serverCount() is 3", r.ret === 3 ? [] : [JSON.stringify(r)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "fetch", { in: "team:1" }, redisPort);
  const got = r.ret || [];
  const f = [];
  if (!same(got.map((s) => s.id), team1.map((s) => s.id))) f.push(`ids ${JSON.stringify(got.map((s) => s.id))} != ${JSON.stringify(team1.map((s) => s.id))}`);
  for (const s of got) {
    const c = team1.find((x) => x.id === s.id);
    if (!c) continue;
    if (!Array.isArray(s.rooms) || !s.rooms.includes("team:1") || !s.rooms.includes(s.id)) f.push(`rooms of ${s.id}: ${JSON.stringify(s.rooms)}`);
    if (!s.handshake || !s.handshake.auth || s.handshake.auth.user !== s.data.user) f.push(`handshake auth of ${s.id}: ${JSON.stringify(s.handshake && s.handshake.auth)}`);
    if (!s.data || !s.data.bin || s.data.bin.$bin !== "0102ff") f.push(`data of ${s.id}: ${JSON.stringify(s.data)}`);
  }
  rep.check("classic: in('team:1')->fetchSockets() is the 6 sockets of team:1 on 3 servers (ids, rooms, data with Binary, handshake auth)", r.ret ? f : [JSON.stringify(r)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "fetch", { in: "team:1", except: "vip" }, redisPort);
  rep.check("classic: except('vip') honoured", r.ret && same(r.ret.map((s) => s.data.user), ["a0", "a1", "a2"]) ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "fetch", { nsp: "/admin" }, redisPort);
  rep.check("classic: of('/admin')->fetchSockets() has the /admin socket only", r.ret && same(r.ret.map((s) => s.data.user), ["adm"]) ? [] : [JSON.stringify(r).slice(0, 300)]);

  r = await php("classic", "fetch", { in: "nobody-here", timeout: 5 }, redisPort);
  rep.check("classic: an empty room returns [] well before the 5 s deadline", Array.isArray(r.ret) && r.ret.length === 0 && r.ms < 1000 ? [] : [JSON.stringify(r)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "online", { in: "user:p1" }, redisPort);
  const online = r.ret;
  presence.disconnect();
  await L.sleep(100);
  const r2 = await php("classic", "online", { in: "user:p1" }, redisPort);
  rep.check("classic: presence true while connected, false after disconnect", online === true && r2.ret === false ? [] : [JSON.stringify([r, r2])], `${r.ms.toFixed(1)} / ${r2.ms.toFixed(1)} ms`);

  r = await php("classic", "ack", { in: "team:1", timeout: 2, args: [42] }, redisPort);
  const acks = r.ret || [];
  rep.check("classic: timeout(2)->in('team:1')->emitWithAck('ping', 42) returns each client's ack",
    same(acks.map((a) => a.user), team1.map((_, i) => `${i % 2 ? "b" : "a"}${i >> 1}`)) && acks.every((a) => a.got === 42) ? [] : [JSON.stringify(r).slice(0, 400)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "ack", { in: "team:1", except: "vip", timeout: 2, args: ["bin"] }, redisPort);
  rep.check("classic: binary and Date in acks (msgpack) arrive as SocketIO\\Binary and the Date's JSON text",
    r.ret && r.ret.length === 3 && r.ret.every((a) => a.bin && a.bin.$bin === "0908" && a.at === "1970-01-01T00:00:01.000Z") ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);

  r = await php("classic", "ack", { in: "team:2", timeout: 2, args: ["x"] }, redisPort);
  rep.check("classic: a client that never acks: TimeoutException after about 2 s with the acks that arrived",
    r.class === "SocketIO\\TimeoutException" && r.ms >= 1900 && r.ms < 2150 && same((r.responses || []).map((a) => a.user), ["o"]) && /3 of 3 Socket.IO servers answered; 1 of 2 client/.test(r.error)
      ? [] : [JSON.stringify(r)], `${r.ms.toFixed(0)} ms: ${r.error}`);

  process.kill(servers[1].pid, "SIGSTOP");
  r = await php("classic", "fetch", { in: "team:1", timeout: 1 }, redisPort);
  process.kill(servers[1].pid, "SIGCONT");
  rep.check("classic: a frozen server: timeout(1)->fetchSockets() throws within 2 s with the other servers' sockets",
    r.class === "SocketIO\\TimeoutException" && r.ms < 2000 && r.ms >= 950 && same((r.responses || []).map((s) => s.data.user), ["a0", "b0", "a2", "b2"]) && /2 of 3/.test(r.error)
      ? [] : [JSON.stringify(r).slice(0, 400)], `${r.ms.toFixed(0)} ms: ${r.error}`);
  await L.sleep(200);
  r = await php("classic", "fetch", { in: "team:1", timeout: 2 }, redisPort);
  rep.check("classic: after SIGCONT the next call works", r.ret && r.ret.length === 6 ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);

  // 200 calls: no subscriber connection, no subscription left behind.
  const clients = async () => (await raw.sendCommand(["CLIENT", "LIST"])).trim().split("\n").length;
  const numsub = async () => {
    const out = await raw.sendCommand(["PUBSUB", "NUMSUB", "socket.io-response#/#", "socket.io-response#/#emitter#"]);
    return [Number(out[1]), Number(out[3])];
  };
  const before = [await clients(), await numsub()];
  r = await php("classic", "loop", { in: "team:1", n: 200 }, redisPort);
  await L.sleep(100);
  const after = [await clients(), await numsub()];
  const ok = r.ret && r.ret.calls === 200 && JSON.stringify(r.ret.distinct_sizes) === "[6]" && JSON.stringify(before) === JSON.stringify(after);
  rep.check("classic: 200 fetchSockets() in one process leave no connection or subscription behind (CLIENT LIST, PUBSUB NUMSUB)",
    ok ? [] : [`before ${JSON.stringify(before)} after ${JSON.stringify(after)} ${JSON.stringify(r).slice(0, 300)}`],
    `${(r.ms / 200).toFixed(2)} ms per call; clients ${before[0]} -> ${after[0]}; response-channel subscribers ${before[1]} -> ${after[1]}; pooled connections opened ${r.ret && r.ret.stats.connections_opened}`);

  servers[0].kill("SIGTERM");
  await L.waitUntil(() => servers[0].exitCode !== null || servers[0].signalCode !== null, 3000);
  await L.sleep(200);
  r = await php("classic", "count", {}, redisPort);
  rep.check("classic: serverCount() is 2 after one server stopped", r.ret === 2 ? [] : [JSON.stringify(r)]);
  for (const s of servers) s.kill("SIGKILL");
}

// A frozen Redis (SIGSTOP): a round trip fails like emit() does, within
// timeout + read_timeout + 100 ms, whatever timeout() says.
async function frozenRedis(rep) {
  const { spawn: sp } = require("child_process");
  const port = await freePort();
  const child = L.track(sp("redis-server", ["--port", String(port), "--bind", L.HOST, "--save", "", "--appendonly", "no"], { stdio: "ignore" }));
  // Up once it answers a PHP serverCount() (0 servers).
  let up = {};
  for (let i = 0; i < 50 && up.ret !== 0; i++) {
    await L.sleep(100);
    up = await php("classic", "count", {}, port);
  }
  if (up.ret !== 0) throw new Error(`redis-server on ${port} did not come up: ${JSON.stringify(up)}`);
  const opts = { timeout: 5 };
  const ini = { "socketio_emitter.timeout": "0.3", "socketio_emitter.read_timeout": "0.3", "socketio_emitter.retry_interval": "0" };
  // Frozen: the kernel still accepts connections, nothing answers.
  process.kill(child.pid, "SIGSTOP");
  const results = [];
  for (const kase of ["count", "fetch", "ack"]) {
    const r = await L.runPhp(path.join(__dirname, "roundtrip.php"), ["classic", kase, JSON.stringify(opts)], { port, timeoutMs: 20000, ini });
    results.push(L.phpRecords(r.stdout)[0] || { error: L.describePhpFailure(r), ms: -1 });
  }
  process.kill(child.pid, "SIGCONT");
  child.kill("SIGKILL");
  const f = results.filter((x) => x.class !== "SocketIO\\Exception" || x.ms > 700).map((x) => JSON.stringify(x));
  rep.check("frozen Redis: serverCount(), fetchSockets(), emitWithAck() throw SocketIO\\Exception within timeout + read_timeout + 100 ms (0.7 s), not timeout(5)",
    f, results.map((x) => `${x.ms.toFixed(0)} ms`).join(" / ") + `: ${results[0].error}`);
}

async function sharded(rep, redisPort, sockets) {
  const ports = [await freePort(), await freePort()];
  const servers = [];
  for (const port of ports) servers.push(await startServer(port, redisPort, "sharded", false));
  const team1 = await team1Clients(ports, sockets);
  const silent = await client(ports[0], "/", { user: "silent", rooms: ["team:2"], noack: true });
  sockets.push(silent);
  let r = await php("sharded", "count", {}, redisPort);
  rep.check("sharded: serverCount() is 2 (SHARDNUMSUB)", r.ret === 2 ? [] : [JSON.stringify(r)], `${r.ms.toFixed(1)} ms`);
  r = await php("sharded", "fetch", { in: "team:1", except: "vip" }, redisPort);
  rep.check("sharded: in('team:1')->except('vip')->fetchSockets()", r.ret && same(r.ret.map((s) => s.id), [team1[0].id, team1[2].id]) && r.ret.every((s) => s.data.bin.$bin === "0102ff") ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);
  r = await php("sharded", "fetch", { in: "nobody-here" }, redisPort);
  rep.check("sharded: an empty room returns [] well before the deadline", Array.isArray(r.ret) && r.ret.length === 0 && r.ms < 1000 ? [] : [JSON.stringify(r)], `${r.ms.toFixed(1)} ms`);
  r = await php("sharded", "ack", { in: "team:1", timeout: 2, args: [42] }, redisPort);
  rep.check("sharded: emitWithAck returns each client's ack", r.ret && r.ret.length === 4 && r.ret.every((a) => a.got === 42) ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);
  r = await php("sharded", "ack", { in: "team:1", timeout: 2, args: ["bin"] }, redisPort);
  rep.check("sharded: binary and Date in acks (msgpack) arrive as SocketIO\\Binary and the Date's JSON text",
    r.ret && r.ret.length === 4 && r.ret.every((a) => a.bin && a.bin.$bin === "0908" && a.at === "1970-01-01T00:00:01.000Z") ? [] : [JSON.stringify(r).slice(0, 300)], `${r.ms.toFixed(1)} ms`);
  r = await php("sharded", "ack", { in: "team:2", timeout: 1, args: [1] }, redisPort);
  rep.check("sharded: a client that never acks: TimeoutException after about 1 s", r.class === "SocketIO\\TimeoutException" && r.ms >= 950 && r.ms < 1150 && (r.responses || []).length === 0 ? [] : [JSON.stringify(r)], `${r.ms.toFixed(0)} ms: ${r.error}`);
  for (const s of servers) s.kill("SIGKILL");
}
