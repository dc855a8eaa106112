"use strict";
// Hostile input through a real Socket.IO 4.8.3 server (@socket.io/redis-adapter
// 8.3.0, notepack.io) and a real socket.io-client 4.8.3:
//  - PHP code that changes an object while it is encoded (jsonSerialize, a
//    temporary's __destruct, a DateTime::format() override): the raw bytes
//    decode with notepack.io, the server does not crash (an exception in the
//    adapter's message handler would exit a real server) and the client
//    receives the event;
//  - binary attachments: socket.io-parser (>= 4.2.6, checked) disconnects a
//    client receiving more than 10; with max_attachments off, 11 binaries do
//    exactly that; with the default guard PHP throws and nothing is sent.
//
//   node hostile.js [-v]

const http = require("http");
const fs = require("fs");
const path = require("path");
const { Server } = require("socket.io");
const { io: ioc } = require("socket.io-client");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");
const notepack = require("notepack.io");
const L = require("./lib");

const PHP_SCRIPT = path.join(__dirname, "hostile.php");
const MUTATIONS = {
  init: [{ a: 1, c: "c" }, "after"],
  unset: [{ a: 2, b: 1, c: "c" }, "after"],
  destruct: [{ a: {}, b: 1, c: "c" }, "after"],
  date: [{ a: "1970-01-01T00:00:00.000Z", c: "c" }, "after"],
};

async function main() {
  const rep = L.reporter();
  L.watchdog(120000);
  const crashes = [];
  // A real server would exit here: record it as a failure of the case that caused it.
  process.on("uncaughtException", (e) => crashes.push(String(e && e.message)));
  let redis = null;
  const closers = [];
  try {
    // The parser socket.io-client itself loads (its package.json is not exported: walk up from its entry).
    let dir = path.dirname(require.resolve("socket.io-parser", { paths: [path.dirname(require.resolve("socket.io-client"))] }));
    while (!fs.existsSync(path.join(dir, "package.json")) || require(path.join(dir, "package.json")).name !== "socket.io-parser") dir = path.dirname(dir);
    const parserVersion = require(path.join(dir, "package.json")).version;
    const [maj, min, pat] = parserVersion.split(".").map(Number);
    rep.check(`client's socket.io-parser ${parserVersion} has the attachment limit (>= 4.2.6)`,
      maj > 4 || (maj === 4 && (min > 2 || (min === 2 && pat >= 6))) ? [] : ["too old"]);
    redis = await L.startRedis();
    const url = `redis://${L.HOST}:${redis.port}`;
    const pub = createClient({ url }), sub = pub.duplicate(), raw = pub.duplicate();
    for (const c of [pub, sub, raw]) { c.on("error", () => {}); await c.connect(); closers.push(() => c.quit().catch(() => {})); }
    const decoded = [];
    await raw.pSubscribe("socket.io#*", (msg) => {
      try { decoded.push({ ok: true, value: notepack.decode(msg) }); } catch (e) { decoded.push({ ok: false, error: e.message }); }
    }, true);
    const httpServer = http.createServer();
    const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
    closers.push(() => io.close());
    await new Promise((r) => httpServer.listen(0, L.HOST, r));
    await L.sleep(200); // the adapter's PSUBSCRIBE
    const connect = () => {
      const socket = ioc(`http://${L.HOST}:${httpServer.address().port}`, { forceNew: true, transports: ["websocket"], reconnection: false });
      const c = { socket, log: [], disconnects: [] };
      socket.onAny((ev, ...args) => c.log.push({ ev, args: L.norm(args) }));
      socket.on("disconnect", (reason) => c.disconnects.push(reason));
      closers.push(() => socket.close());
      return c;
    };
    let client = connect();
    await L.waitUntil(() => client.socket.connected, 5000);
    rep.check("client connected", client.socket.connected ? [] : ["not connected"]);

    const run = async (name) => {
      const r = await L.runPhp(PHP_SCRIPT, [name], { port: redis.port });
      const rec = L.phpRecords(r.stdout)[0];
      return rec || { error: `no record: ${L.describePhpFailure(r)}` };
    };

    for (const [name, args] of Object.entries(MUTATIONS)) {
      const before = decoded.length, crashesBefore = crashes.length;
      const rec = await run(name);
      const got = await L.waitUntil(() => client.log.some((e) => e.ev === `h_${name}`), 3000);
      // Our raw subscriber is a separate connection: its copy may arrive after the client's.
      await L.waitUntil(() => decoded.length > before, 3000);
      await L.sleep(50); // and nothing more than the one payload
      const f = [];
      if (rec.ret !== 2) f.push(`emit() (2 subscribers: the adapter and our raw reader) gave ${JSON.stringify(rec)}`);
      const mine = decoded.slice(before);
      if (mine.length !== 1 || !mine[0].ok) f.push(`raw payloads: ${L.short(JSON.stringify(mine))}`);
      if (crashes.length > crashesBefore) f.push(`server exception: ${crashes.slice(crashesBefore).join("; ")}`);
      const entry = client.log.find((e) => e.ev === `h_${name}`);
      if (!got || !entry) f.push("client did not receive the event");
      else if (!L.deepEqual(entry.args, args)) f.push(`client got ${L.short(JSON.stringify(entry.args))}`);
      rep.check(`mutation during encoding (${name}): notepack decodes, server alive, client receives`, f);
    }

    // Attachments, guard on (default): PHP throws, nothing sent, client stays.
    {
      const before = decoded.length;
      const rec = await run("bins_11_default");
      await L.sleep(300);
      const f = [];
      if (!/max_attachments \(10\)/.test(rec.error || "")) f.push(`expected the max_attachments exception, got ${JSON.stringify(rec)}`);
      if (decoded.length !== before) f.push("something was published");
      if (!client.socket.connected) f.push(`client disconnected: ${client.disconnects}`);
      rep.check("11 binaries with the default max_attachments: refused before sending, client still connected", f);
    }
    {
      const rec = await run("bins_10_default");
      const got = await L.waitUntil(() => client.log.some((e) => e.ev === "h_bins_10_default"), 3000);
      const entry = client.log.find((e) => e.ev === "h_bins_10_default");
      const f = [];
      if (rec.ret !== 2) f.push(`emit() (2 subscribers: the adapter and our raw reader) gave ${JSON.stringify(rec)}`);
      if (!got || !entry || entry.args.length !== 10) f.push(`client got ${L.short(JSON.stringify(entry) || "nothing")}`);
      if (!client.socket.connected) f.push(`client disconnected: ${client.disconnects}`);
      rep.check("10 binaries: delivered, client still connected", f);
    }
    // Guard off: 11 binaries reach the client, whose parser disconnects it.
    {
      const rec = await run("bins_11_0");
      const dropped = await L.waitUntil(() => !client.socket.connected, 3000);
      const f = [];
      if (rec.ret !== 2) f.push(`emit() (2 subscribers: the adapter and our raw reader) gave ${JSON.stringify(rec)}`);
      if (!dropped) f.push("client stayed connected (the parser limit did not trigger?)");
      if (client.log.some((e) => e.ev === "h_bins_11_0")) f.push("client received the event");
      rep.check("11 binaries with max_attachments = 0: the client is disconnected (why the guard exists)", f,
        `disconnect reason: ${client.disconnects.join(",")}`);
    }
  } catch (e) {
    rep.check("hostile.js ran", [String(e && e.stack || e)]);
  } finally {
    await L.closeAll(closers);
    if (redis) await redis.stop();
  }
  const code = rep.finish();
  L.killAll();
  process.exit(code);
}

main();
