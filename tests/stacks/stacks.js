"use strict";
// The extension against every Socket.IO server stack people run with the
// classic Redis adapter, each with two real servers and real clients:
//   socket.io 2.5.1 + socket.io-redis 5.4.0 (socket.io-client 2.5.0), socketio_version 2
//   socket.io 3.1.2 + socket.io-redis 6.1.1 (socket.io-client 4.8.3), socketio_version 3
//   socket.io 4.8.3 + @socket.io/redis-adapter 7.2.0 (socket.io-client 4.8.3), default
// Every kind of PHP call (emit to all / rooms / except / a namespace, binary
// and nested binary, nested and unicode values, volatile, to([]), batch,
// deferred, socketsJoin/Leave, serverSideEmit, disconnectSockets) either
// reaches exactly the right clients (or servers) once, or, where the stack's
// adapter cannot do it, is refused with the documented SocketIO\Exception and
// nothing arrives. Also shown: what the default mode would do on socket.io 2
// (binary arrives as a JSON Buffer object, except() is ignored), the reason
// socketio_version 2 exists.
//
//   node stacks.js [-v]

const http = require("http");
const path = require("path");
const L = require("../e2e/lib");

const PHP_SCRIPT = path.join(__dirname, "stacks.php");
const bin = (hex) => ({ $bin: hex });

function serverFactory(stack, redisPort, url) {
  switch (stack) {
    case 2: {
      const io2 = require("socket.io-v2");
      const redisAdapter = require("socket.io-redis-v5");
      return async () => {
        const httpServer = http.createServer();
        const io = io2(httpServer);
        io.adapter(redisAdapter({ host: L.HOST, port: redisPort }));
        await new Promise((r) => httpServer.listen(0, L.HOST, r));
        const a = io.of("/").adapter;
        return { io, port: httpServer.address().port, close: () => { io.close(); a.pubClient.quit(); a.subClient.quit(); } };
      };
    }
    case 3: {
      const { Server } = require("socket.io-v3");
      const redisAdapter = require("socket.io-redis-v6");
      return async () => {
        const httpServer = http.createServer();
        const io = new Server(httpServer);
        io.adapter(redisAdapter({ host: L.HOST, port: redisPort }));
        await new Promise((r) => httpServer.listen(0, L.HOST, r));
        const a = io.of("/").adapter;
        return { io, port: httpServer.address().port, close: () => { io.close(); a.pubClient.quit(); a.subClient.quit(); } };
      };
    }
    default: {
      const { Server } = require("socket.io-v4");
      const { createAdapter } = require("@socket.io/redis-adapter-v7");
      const { createClient } = require("redis");
      return async () => {
        const pub = createClient({ url }), sub = pub.duplicate();
        for (const c of [pub, sub]) { c.on("error", () => {}); await c.connect(); }
        const httpServer = http.createServer();
        const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
        await new Promise((r) => httpServer.listen(0, L.HOST, r));
        return { io, port: httpServer.address().port, close: () => { io.close(); pub.quit().catch(() => {}); sub.quit().catch(() => {}); } };
      };
    }
  }
}

function connectClient(stack, port, nsp, rooms) {
  const target = `http://${L.HOST}:${port}${nsp}`;
  const opts = { forceNew: true, transports: ["websocket"], reconnection: false, query: { rooms: rooms.join(",") } };
  const c = { log: [] };
  if (stack === 2) {
    c.socket = require("socket.io-client-v2")(target, opts);
    // socket.io-client 2 has no onAny: every event packet passes through onevent.
    const onevent = c.socket.onevent;
    c.socket.onevent = function (packet) {
      const [ev, ...args] = packet.data || [];
      c.log.push({ ev, args: L.norm(args) });
      onevent.call(this, packet);
    };
  } else {
    c.socket = require("socket.io-client")(target, opts);
    c.socket.onAny((ev, ...args) => c.log.push({ ev, args: L.norm(args) }));
  }
  return c;
}

const NO_REMOTE = "is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) has no room-wide remote operations";
const NO_EXCEPT = "except() is not supported with socketio_version 2";
const NO_SSE = (v) => `serverSideEmit() is not supported with socketio_version ${v}`;

// Expected per case: events per client, emit() return (undefined: unchecked), or refused: part of the message.
function casesFor(version) {
  const v2 = version === 2;
  const remote = (name) => (v2 ? { refused: `${name} ${NO_REMOTE}` } : {});
  return [
    ["all", { a: [["s_all", "everyone", { n: 1.5, list: [1, "two", null], deep: [[{ x: [true, false] }]] }]], b: "same", d: "same" }, { ret: 2 }],
    ["room1", { a: [["s_room1", "r1"]] }, { ret: 2 }],
    ["room1_room2", { a: [["s_r12"]], b: [["s_r12"]] }, {}],
    ["except_room2", v2 ? {} : { a: [["s_not_r2"]], d: [["s_not_r2"]] }, v2 ? { refused: NO_EXCEPT } : {}],
    ["room1_except_room2", v2 ? {} : { a: [["s_r1_not_r2"]] }, v2 ? { refused: NO_EXCEPT } : {}],
    ["admin_room1", { c: [["s_admin", { x: "y" }]] }, {}],
    ["binary", { b: [["s_bin", bin("0001feff"), { nested: bin("07") }, "text"]] }, {}],
    ["volatile", { a: [["s_volatile", 1]], b: "same", d: "same" }, {}],
    ["unicode", { a: [["s_unicode", "é\u{1F600}\"\\\n\t\x01", 1e21, 0.1, { "ключ": "值" }]] }, {}],
    ["nobody", {}, { ret: 0 }],
    ["join_room3", {}, remote("socketsJoin()")],
    ["room3", v2 ? {} : { a: [["s_room3"]] }, {}],
    ["leave_room3", {}, remote("socketsLeave()")],
    ["room3_after_leave", {}, {}],
    ["server_side", {}, version === 4 ? { servers: [["from-php", { k: 1 }]] } : { refused: NO_SSE(version) }],
    ["batch", { a: [["s_batch", 1], ["s_batch", 3]], b: [["s_batch", 2], ["s_batch", 3]], d: [["s_batch", 3]] }, {}],
    ["batch_refused", v2 ? {} : { a: [["s_batch_refused", 1], ["s_batch_refused", 2]], b: [["s_batch_refused", 1]], d: "a" }, v2 ? { refused: NO_EXCEPT } : {}],
    ["deferred", { b: [["s_deferred", "later"]] }, { deferred: true }],
  ];
}

async function stack(rep, { label, version, options, redis, url, sioStack = version, cases = casesFor(version), disconnect = true }) {
  const local = [];
  const close = () => L.closeAll(local);
  try {
    const make = serverFactory(sioStack, redis.port, url);
    const serverGot = { A: [], B: [] };
    const servers = [];
    for (const name of ["A", "B"]) {
      const s = await make();
      local.push(s.close);
      const join = (socket) => { for (const r of String(socket.handshake.query.rooms || "").split(",").filter(Boolean)) socket.join(r); };
      s.io.on("connection", join);
      s.io.of("/admin").on("connection", join);
      if (sioStack === 4) s.io.on("s_server", (...args) => serverGot[name].push(L.norm(args)));
      servers.push(s);
    }
    const [A, B] = servers;
    const clients = { a: connectClient(sioStack, A.port, "/", ["room1"]), b: connectClient(sioStack, B.port, "/", ["room2"]), c: connectClient(sioStack, B.port, "/admin", ["room1"]), d: connectClient(sioStack, A.port, "/", []) };
    for (const c of Object.values(clients)) local.push(() => c.socket.close());
    const up = await L.waitUntil(() => Object.values(clients).every((c) => c.socket.connected), 5000);
    await L.sleep(300);
    rep.check(`${label}: 4 clients connected`, up ? [] : ["not all connected"]);

    const run = async (name) => {
      const r = await L.runPhp(PHP_SCRIPT, [name, JSON.stringify(options)], { port: redis.port });
      return L.phpRecords(r.stdout)[0] || { error: `no record: ${L.describePhpFailure(r)}` };
    };
    for (const [name, expected, how] of cases) {
      for (const c of Object.values(clients)) c.log.length = 0;
      const rec = await run(name);
      const want = {};
      let prev = null;
      for (const id of Object.keys(clients)) {
        const e = expected[id] === "same" ? prev : expected[id] === "a" ? want.a : (expected[id] || []);
        want[id] = e;
        if (expected[id] && expected[id] !== "same" && expected[id] !== "a") prev = expected[id];
      }
      const total = Object.values(want).reduce((n, e) => n + e.length, 0);
      await L.waitUntil(() => Object.values(clients).reduce((n, c) => n + c.log.length, 0) >= total, 3000);
      await L.sleep(name.startsWith("join") || name.startsWith("leave") || total === 0 ? 400 : 150);
      const f = [];
      if (how.refused) {
        if (!rec.error || !rec.error.startsWith("SocketIO\\Exception: ") || !rec.error.includes(how.refused) || !rec.error.includes("nothing was sent")) {
          f.push(`expected SocketIO\\Exception "${how.refused}...", got ${L.short(JSON.stringify(rec), 300)}`);
        }
      } else if (rec.error) f.push(`PHP: ${rec.error}`);
      if (how.ret !== undefined && !rec.error && !L.deepEqual(rec.ret, how.ret)) f.push(`returned ${JSON.stringify(rec.ret)}, expected ${JSON.stringify(how.ret)}`);
      if (how.deferred && !rec.error && (rec.ret.emit !== true || rec.ret.receivers < 1 || rec.ret.errors !== 0)) f.push(`deferred: ${JSON.stringify(rec.ret)}`);
      for (const [id, c] of Object.entries(clients)) {
        const got = c.log.map((x) => [x.ev, ...x.args]);
        if (name === "volatile" && got.length === 0) continue; // may be dropped legitimately
        if (!L.deepEqual(got, want[id])) f.push(`client ${id} got ${L.short(JSON.stringify(got))}, expected ${L.short(JSON.stringify(want[id]))}`);
      }
      if (how.servers) {
        await L.waitUntil(() => serverGot.A.length && serverGot.B.length, 2000);
        await L.sleep(100);
        for (const s of ["A", "B"]) if (!L.deepEqual(serverGot[s], how.servers)) f.push(`server ${s} got ${JSON.stringify(serverGot[s])}`);
      }
      rep.check(`${label}: ${name}${how.refused ? " (refused)" : ""}`, f);
    }
    if (disconnect) {
      const rec = await run("disconnect_room2");
      const f = [];
      if (version === 2) {
        await L.sleep(400);
        if (!rec.error || !rec.error.includes(`disconnectSockets() ${NO_REMOTE}`)) f.push(`expected the refusal, got ${L.short(JSON.stringify(rec), 300)}`);
        if (!Object.values(clients).every((c) => c.socket.connected)) f.push("a client was disconnected");
      } else {
        const gone = await L.waitUntil(() => !clients.b.socket.connected, 3000);
        if (rec.error) f.push(`PHP: ${rec.error}`);
        if (!gone) f.push("client b (room2) still connected");
        if (!clients.a.socket.connected || !clients.d.socket.connected) f.push("another client was disconnected");
      }
      rep.check(`${label}: disconnect_room2${version === 2 ? " (refused)" : ""}`, f);
    }
  } catch (e) {
    rep.check(`${label} ran`, [String(e && e.stack || e)]);
  } finally {
    await close();
  }
}

async function main() {
  const rep = L.reporter();
  L.watchdog(200000);
  let redis = null;
  try {
    redis = await L.startRedis();
    const url = `redis://${L.HOST}:${redis.port}`;
    await stack(rep, { label: "socket.io 2.5.1 + socket.io-redis 5.4.0, socketio_version 2", version: 2, options: { socketio_version: 2 }, redis, url });
    // Why the mode exists: the default payload on socket.io 2 sends binary as
    // JSON Buffer objects and except() excludes nobody.
    await stack(rep, {
      label: "socket.io 2.5.1 + socket.io-redis 5.4.0, default mode (socketio_version 4)",
      version: 4, sioStack: 2, options: {}, redis, url, disconnect: false,
      cases: [
        ["binary", { b: [["s_bin", { type: "Buffer", data: [0, 1, 254, 255] }, { nested: { type: "Buffer", data: [7] } }, "text"]] }, {}],
        ["except_room2", { a: [["s_not_r2"]], b: "same", d: "same" }, {}],
      ],
    });
    await stack(rep, { label: "socket.io 3.1.2 + socket.io-redis 6.1.1, socketio_version 3", version: 3, options: { socketio_version: 3 }, redis, url });
    await stack(rep, { label: "socket.io 4.8.3 + @socket.io/redis-adapter 7.2.0", version: 4, options: {}, redis, url });
  } catch (e) {
    rep.check("stacks.js ran", [String(e && e.stack || e)]);
  } finally {
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

main();
