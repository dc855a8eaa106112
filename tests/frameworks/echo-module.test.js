// examples/node/echo.js on its own: the edge cases the browser test does not
// reach. A private Redis, one Socket.IO server with attachEcho() whose auth
// host is a stand-in of Laravel's /broadcasting/auth (user = the `user`
// cookie; alice may have team.1, the lobby says who is there), a second one
// whose auth host is down, and socket.io-client sockets.
//
//   node echo-module.test.js    # "N passed, N failed"
"use strict";
const fs = require("fs");
const os = require("os");
const net = require("net");
const path = require("path");
const http = require("http");
const { spawn } = require("child_process");

const repo = path.resolve(__dirname, "../..");
const nodeDir = path.join(repo, "examples/node");
const fromNodeDir = (name) => require(require.resolve(name, { paths: [nodeDir] }));
const { Server } = fromNodeDir("socket.io");
const { createAdapter } = fromNodeDir("@socket.io/redis-adapter");
const { createClient } = fromNodeDir("redis");
const { io: connect } = fromNodeDir("socket.io-client");
const { attachEcho } = require(path.join(nodeDir, "echo.js"));

let passed = 0;
let failed = 0;
function check(ok, label, detail) {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} echo.js: ${label}${!ok && detail !== undefined ? `  (${JSON.stringify(detail)})` : ""}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
async function until(fn, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return true;
    await sleep(30);
  }
  return false;
}

const cleanup = [];
async function main() {
  const redisPort = await freePort();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "echo-module-"));
  const redisProc = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--dir", work], { stdio: "ignore" });
  cleanup.push(() => redisProc.kill("SIGTERM"), () => fs.rmSync(work, { recursive: true, force: true }));
  const url = `redis://127.0.0.1:${redisPort}`;
  const pub = createClient({ url });
  const sub = pub.duplicate();
  const redisUp = () =>
    new Promise((resolve) => {
      const probe = net.connect(redisPort, "127.0.0.1", () => probe.end() && resolve(true));
      probe.on("error", () => resolve(false));
    });
  if (!(await until(redisUp))) throw new Error("redis-server did not start");
  await Promise.all([pub.connect(), sub.connect()]);
  cleanup.push(() => pub.quit().catch(() => {}), () => sub.quit().catch(() => {}));

  // Stand-in of Laravel's auth endpoint; records what it was sent.
  const authRequests = [];
  const auth = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const channel = new URLSearchParams(body).get("channel_name");
      const user = ((req.headers.cookie || "").match(/user=(\w+)/) || [])[1];
      authRequests.push({ channel, headers: req.headers });
      const ids = { alice: 1, bob: 2 };
      if (user && channel === "private-team.1" && user === "alice") return res.writeHead(200).end("{}");
      if (user && channel === "presence-lobby") {
        return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ channel_data: { user_id: ids[user], user_info: { name: user } } }));
      }
      res.writeHead(403).end("{}");
    });
  });
  const authPort = await freePort();
  await new Promise((r) => auth.listen(authPort, "127.0.0.1", r));
  cleanup.push(() => auth.close());

  const servers = [];
  async function server(authHost) {
    const httpServer = http.createServer();
    const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
    attachEcho(io, { authHost, redis: pub });
    const port = await freePort();
    await new Promise((r) => httpServer.listen(port, "127.0.0.1", r));
    servers.push(io);
    cleanup.push(() => io.close());
    return { io, port };
  }
  const main = await server(`http://127.0.0.1:${authPort}`);
  const noAuth = await server(`http://127.0.0.1:${await freePort()}`);
  const client = async (port, user) => {
    const s = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], extraHeaders: user ? { Cookie: `user=${user}` } : {}, forceNew: true });
    s.seen = [];
    s.onAny((event, ...args) => s.seen.push([event, ...args]));
    await until(() => s.connected);
    cleanup.push(() => s.close());
    return s;
  };
  const inRoom = async (io, room, socket) => (await io.in(room).fetchSockets()).some((s) => s.id === socket.id);
  const seen = (s, event) => s.seen.filter((e) => e[0] === event);

  const alice = await client(main.port, "alice");
  const bob = await client(main.port, "bob");

  // Malformed subscribes are ignored; the server keeps working.
  for (const bad of [null, 5, "news", { channel: 5 }, { channel: "" }, []]) alice.emit("subscribe", bad);
  alice.emit("subscribe", { channel: "news" });
  check(await until(() => inRoom(main.io, "news", alice)), "public channel joined at once (after malformed subscribes were ignored)");

  // Rooms the PHP app manages (with ':') are not public channels.
  alice.emit("subscribe", { channel: "session:0123" });
  check(await until(() => seen(alice, "subscription_error").some((e) => e[1] === "session:0123" && e[2] === 403)), "a room with ':' cannot be joined as a public channel (subscription_error 403)");
  check(!(await inRoom(main.io, "session:0123", alice)), "and the socket is not in it");

  // Private: authorised with the socket's cookie and the page's headers.
  alice.emit("subscribe", { channel: "private-team.1", auth: { headers: { "X-CSRF-TOKEN": "tok", Cookie: "user=bob", "X-Number": 5 } } });
  check(await until(() => inRoom(main.io, "private-team.1", alice)), "private channel joined when the auth endpoint says 2xx");
  const req = authRequests.find((r) => r.channel === "private-team.1");
  check(
    req && req.headers.cookie === "user=alice" && req.headers["x-csrf-token"] === "tok" && req.headers["x-socket-id"] === alice.id && !("x-number" in req.headers),
    "auth request: the socket's own cookie (a page cannot override it), the page's string headers, X-Socket-ID",
    req && req.headers
  );
  bob.emit("subscribe", { channel: "private-team.1" });
  check(await until(() => seen(bob, "subscription_error").some((e) => e[1] === "private-team.1" && e[2] === 403)), "private channel refused: subscription_error (channel, 403)");
  check(!(await inRoom(main.io, "private-team.1", bob)), "and bob is not in the room");

  const lone = await client(noAuth.port, "alice");
  lone.emit("subscribe", { channel: "private-team.1" });
  check(await until(() => seen(lone, "subscription_error").some((e) => e[2] === 0)), "auth endpoint unreachable: subscription_error (channel, 0), no crash");

  // Whispers: only from a member, only client-* events, not echoed to the sender.
  const carol = await client(main.port, "alice"); // a second tab of alice
  carol.emit("subscribe", { channel: "private-team.1" });
  await until(() => inRoom(main.io, "private-team.1", carol));
  bob.emit("client event", { channel: "private-team.1", event: "client-typing", data: { from: "bob" } });
  alice.emit("client event", { channel: "private-team.1", event: "typing", data: { bad: true } });
  alice.emit("client event", { channel: "private-team.1", event: "client-typing", data: { from: "alice" } });
  check(await until(() => seen(carol, "client-typing").some((e) => e[1] === "private-team.1" && e[2].from === "alice")), "whisper relayed to the channel's other sockets as (channel, data)");
  await sleep(300);
  check(seen(carol, "client-typing").length === 1 && seen(carol, "typing").length === 0, "whispers from a non-member and events without client- are dropped", carol.seen);
  check(seen(alice, "client-typing").length === 0, "the whisperer does not get its own whisper");

  // Presence: a stale member (a socket no server has) is dropped; two tabs of
  // one user are one member; leaving only when the last tab goes.
  await pub.hSet("laravel-echo:presence:presence-lobby", "gone-socket", JSON.stringify({ user_id: 99, user_info: { name: "ghost" } }));
  alice.emit("subscribe", { channel: "presence-lobby" });
  check(await until(() => seen(alice, "presence:subscribed").length === 1), "presence:subscribed sent to the subscriber");
  const first = seen(alice, "presence:subscribed")[0];
  check(first && first[1] === "presence-lobby" && JSON.stringify(first[2]) === JSON.stringify([{ user_id: 1, user_info: { name: "alice" } }]), "members: alice only (the stale ghost dropped)", first);
  check(!(await pub.hExists("laravel-echo:presence:presence-lobby", "gone-socket")), "the stale entry is removed from Redis");
  bob.emit("subscribe", { channel: "presence-lobby" });
  check(await until(() => seen(alice, "presence:joining").some((e) => e[2].user_id === 2)), "presence:joining (channel, member) to the others");
  carol.emit("subscribe", { channel: "presence-lobby" });
  await until(() => seen(carol, "presence:subscribed").length === 1);
  const carolList = seen(carol, "presence:subscribed")[0][2].map((m) => m.user_id).sort();
  check(JSON.stringify(carolList) === "[1,2]", "a second tab of alice: members listed once each", carolList);
  await sleep(300);
  check(seen(bob, "presence:joining").length === 0, "no joining for a user already present (second tab)", seen(bob, "presence:joining"));
  carol.close();
  await sleep(400);
  check(seen(bob, "presence:leaving").length === 0, "closing one of two tabs: no leaving");
  alice.emit("unsubscribe", { channel: "presence-lobby" });
  check(await until(() => seen(bob, "presence:leaving").some((e) => e[1] === "presence-lobby" && e[2].user_id === 1)), "unsubscribe of the last tab: presence:leaving (channel, member)");
  check(!(await inRoom(main.io, "presence-lobby", alice)), "unsubscribe leaves the room");
  check((await pub.hLen("laravel-echo:presence:presence-lobby")) === 1, "Redis keeps only bob's entry");
}

main()
  .catch((err) => {
    console.log(err.stack || String(err));
    failed += 1;
  })
  .finally(async () => {
    for (const fn of cleanup.reverse()) {
      try {
        await fn();
      } catch {
        /* already gone */
      }
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
