// The seed's demo, in real browsers, as a test. Starts a private Redis, the
// Node server (examples/node/server.js with SESSION_SECRET) and the PHP app
// (php -S, with the extension), then drives three headless Chromium contexts
// (admin: team 1 + admin; alice: team 1; bob: team 2) and checks who receives
// what. Saves one screenshot per browser in OUT_DIR (default ./out).
//
//   node test.js      # env: SOCKETIO_EXT, PHP, CHROMIUM (/usr/bin/chromium), OUT_DIR, PHP_ARGS
//
// Prints "N passed, N failed"; exits non-zero on a failure.
"use strict";
const fs = require("fs");
const os = require("os");
const net = require("net");
const path = require("path");
const crypto = require("crypto");
const { spawn, spawnSync } = require("child_process");
const { chromium } = require("playwright-core");

const repo = path.resolve(__dirname, "../..");
const publicDir = path.join(__dirname, "public");
const nodeDir = path.join(repo, "examples/node");
const fromNodeDir = (name) => require(require.resolve(name, { paths: [nodeDir] }));
const { createClient } = fromNodeDir("redis");
const { io: ioClient } = fromNodeDir("socket.io-client");
const { storeKeyOf, roomOf } = require(path.join(nodeDir, "session-rooms.js"));

const so = process.env.SOCKETIO_EXT || path.join(repo, "target/release/libsocketio_emitter.so");
const outDir = path.resolve(process.env.OUT_DIR || path.join(__dirname, "out"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const secret = crypto.randomBytes(24).toString("hex");
const cookieName = "PHPSESSID";
const WAIT_MS = 8000; // any single expectation
const GRACE_MS = 500; // how long "does not receive" waits after the others received
const TOTAL_MS = 150000;

let passed = 0;
let failed = 0;
function check(ok, label, detail) {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} ${label}${!ok && detail !== undefined ? `  (${typeof detail === "string" ? detail : JSON.stringify(detail)})` : ""}`);
  return ok;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

const children = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "teams-demo-"));
function start(name, cmd, args, opts = {}) {
  const log = fs.openSync(path.join(work, `${name}.log`), "a");
  const child = spawn(cmd, args, { stdio: ["ignore", log, log], ...opts });
  child.name = name;
  children.push(child);
  return child;
}
const readLog = (name) => {
  try {
    return fs.readFileSync(path.join(work, `${name}.log`), "utf8");
  } catch {
    return "";
  }
};
async function until(what, fn, ms = WAIT_MS) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let browser;
let redis;
async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (redis) await redis.quit().catch(() => {});
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await sleep(200);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const probe = spawnSync(process.env.PHP || "php", ["-n", "-d", "display_startup_errors=1", "-d", `extension=${so}`, "-r", 'echo class_exists("SocketIO\\SessionRooms") ? "ok" : "no SocketIO\\SessionRooms";'], { encoding: "utf8", timeout: 20000 });
  if (probe.stdout !== "ok") throw new Error(`the extension ${so} cannot be used: ${(probe.stdout + probe.stderr).trim().split("\n")[0]}`);
  const [redisPort, nodePort, phpPort] = [await freePort(), await freePort(), await freePort()];
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const base = `http://127.0.0.1:${phpPort}`;

  start("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", work]);
  const listening = (port) =>
    new Promise((resolve) => {
      const sock = net.connect(port, "127.0.0.1", () => { sock.destroy(); resolve(true); });
      sock.on("error", () => resolve(false));
    });
  await until("redis-server", () => listening(redisPort));
  redis = createClient({ url: redisUrl });
  redis.on("error", () => {});
  await redis.connect();

  const node = start("node", process.execPath, [path.join(nodeDir, "server.js")], {
    env: { ...process.env, REDIS_URL: redisUrl, PORT: String(nodePort), SESSION_SECRET: secret, SESSION_COOKIE: cookieName, CORS_ORIGIN: base },
  });
  await until("the Node server", () => readLog("node").includes("listening"));

  fs.mkdirSync(path.join(work, "sessions"));
  const phpArgs = [
    "-n",
    "-d", `extension=${so}`,
    "-d", `socketio_emitter.dsn=${redisUrl}`,
    "-d", `socketio_emitter.session_secret=${secret}`,
    "-d", `session.save_path=${path.join(work, "sessions")}`,
    "-d", "session.sid_bits_per_character=6", // ids with ',' and '-': the cookie is URL-encoded, Node decodes it
    "-d", "session.sid_length=48",
    "-d", "display_errors=stderr",
    "-d", "log_errors=0",
    ...(process.env.PHP_ARGS || "").split(" ").filter(Boolean),
    "-S", `127.0.0.1:${phpPort}`,
    "-t", publicDir,
    path.join(publicDir, "index.php"),
  ];
  start("php", process.env.PHP || "php", phpArgs, {
    env: { ...process.env, SOCKETIO_URL: `http://127.0.0.1:${nodePort}`, DEMO_DATA_DIR: path.join(work, "data"), SESSION_COOKIE: cookieName },
  });
  await until("php -S to serve the login page", async () => (await (await fetch(base + "/")).text()).includes('action="/login"'));

  // A socket without a session is refused by the middleware.
  const anonymous = await new Promise((resolve) => {
    const s = ioClient(`http://127.0.0.1:${nodePort}`, { transports: ["websocket"], reconnection: false });
    const done = (v) => { s.close(); resolve(v); };
    s.on("connect", () => done("connected"));
    s.on("connect_error", (err) => done(err.message));
    setTimeout(() => done("timeout"), WAIT_MS);
  });
  check(anonymous === "unauthorized", "a socket with no session id is refused (connect_error 'unauthorized')", anonymous);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

  const users = {};
  for (const name of ["admin", "alice", "bob"]) {
    const context = await browser.newContext({ viewport: { width: 760, height: 640 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(base + "/");
    await Promise.all([page.waitForURL(base + "/"), page.click(`button[value="${name}"]`)]);
    await page.waitForFunction(() => window.demo && window.demo.socket.connected, null, { timeout: WAIT_MS });
    // PHP URL-encodes the cookie (',' → %2C); session_id() is the decoded value.
    const sid = decodeURIComponent((await context.cookies(base)).find((c) => c.name === cookieName).value);
    users[name] = { name, context, page, errors, sid };
  }
  check(true, "three browsers logged in (admin, alice, bob) and connected");
  const { admin, alice, bob } = users;

  // What PHP stored: the rooms, under a key without the raw session id, with a TTL.
  const stored = async (u) => (await redis.sMembers(storeKeyOf(secret, u.sid))).sort();
  check(JSON.stringify(await stored(admin)) === '["admin","team:1"]', "admin's stored rooms are admin + team:1", await stored(admin));
  check(JSON.stringify(await stored(alice)) === '["team:1"]', "alice's stored rooms are team:1", await stored(alice));
  check(JSON.stringify(await stored(bob)) === '["team:2"]', "bob's stored rooms are team:2", await stored(bob));
  const ttl = await redis.ttl(storeKeyOf(secret, alice.sid));
  check(ttl > 86000 && ttl <= 86400, "the stored rooms expire with the session (TTL ~86400 s)", ttl);
  const keys = await redis.keys("*");
  const leaked = keys.filter((k) => Object.values(users).some((u) => k.includes(u.sid)));
  check(keys.length > 0 && leaked.length === 0, "no Redis key contains a raw session id", { keys, leaked });
  const nodeLog = readLog("node");
  check(
    Object.values(users).every((u) => nodeLog.includes(roomOf(secret, u.sid)) && !nodeLog.includes(u.sid)),
    "the Node server's room lists show session:<hash>, never a session id"
  );

  const ids = (u) => u.page.evaluate(() => window.demo.posts.map((p) => p.id));
  async function post(u, text, team) {
    await u.page.evaluate(() => { window.demo.lastPost = null; });
    await u.page.fill("#post-form textarea", text);
    if (team) await u.page.selectOption('select[name="team"]', String(team));
    await u.page.click("#post-form button");
    await u.page.waitForFunction(() => window.demo.lastPost, null, { timeout: WAIT_MS });
    const res = await u.page.evaluate(() => window.demo.lastPost);
    if (res.status !== 200) throw new Error(`POST /post as ${text}: ${JSON.stringify(res)}`);
    return res.body;
  }
  const hasAll = (u, want) =>
    until(`posts ${want.join(",")} in ${u.name}'s page`, async () => {
      const got = await ids(u);
      return want.every((id) => got.includes(id));
    });

  // A client with no cookie that hands alice's session id in the handshake's
  // auth (what a page on another site does) gets alice's rooms; a made-up id
  // connects but is in no room.
  const listen = (auth) =>
    new Promise((resolve) => {
      const s = ioClient(`http://127.0.0.1:${nodePort}`, { transports: ["websocket"], reconnection: false, auth });
      s.got = [];
      s.on("post", (p) => s.got.push(p.id));
      s.on("connect", () => resolve(s));
      s.on("connect_error", () => resolve(s));
      setTimeout(() => resolve(s), WAIT_MS);
    });
  const viaAuth = await listen({ sessionId: alice.sid });
  const forged = await listen({ sessionId: "not-a-session-" + crypto.randomBytes(8).toString("hex") });
  check(viaAuth.connected && forged.connected, "clients with auth.sessionId (and no cookie) connect");

  // 1. Posts: one emit each to ['team:N', 'admin'].
  const a1 = await post(alice, "hello team 1, alice here");
  const b1 = await post(bob, "team 2 only, from bob");
  const d1 = await post(admin, "admin to team 1", 1);
  const d2 = await post(admin, "admin to team 2", 2);
  check([a1, b1, d1, d2].every((r) => r.servers === 1), "each post is one emit, reaching the one Socket.IO server", [a1, b1, d1, d2].map((r) => r.servers));
  await hasAll(admin, [a1.id, b1.id, d1.id, d2.id]);
  await hasAll(alice, [a1.id, d1.id]);
  await hasAll(bob, [b1.id, d2.id]);
  await sleep(GRACE_MS);
  const sorted = (list) => [...list].sort().join(",");
  check(sorted(await ids(alice)) === sorted([a1.id, d1.id]), "team 1 (alice) sees team 1's posts, and nothing of team 2", await ids(alice));
  check(sorted(await ids(bob)) === sorted([b1.id, d2.id]), "team 2 (bob) sees only its own posts", await ids(bob));
  check(sorted(viaAuth.got) === sorted([a1.id, d1.id]), "auth.sessionId = alice's id: the socket gets alice's rooms (team 1)", viaAuth.got);
  check(forged.got.length === 0, "a made-up session id gets no room and no post", forged.got);
  viaAuth.close();
  forged.close();
  const adminIds = await ids(admin);
  check(adminIds.length === 4 && sorted(adminIds) === sorted([a1.id, b1.id, d1.id, d2.id]),
    "the admin (in team:1 and admin) sees every post exactly once", adminIds);
  const shown = await admin.page.$$eval("#posts li[data-id]", (lis) => lis.length);
  check(shown === 4, "the admin's page lists 4 posts", shown);

  // 2. The admin removes bob from team 2: his open socket leaves the room at once.
  await admin.page.evaluate(() => { window.demo.lastAction = null; });
  await admin.page.click('.team-action[data-action="remove"]');
  await admin.page.waitForFunction(() => window.demo.lastAction, null, { timeout: WAIT_MS });
  const removed = await admin.page.evaluate(() => window.demo.lastAction);
  check(removed.status === 200 && JSON.stringify(removed.body.rooms) === "[]", "PHP removed bob from team 2", removed);
  await until("bob's removal notice", async () => (await bob.page.evaluate(() => window.demo.notices)).includes("You were removed from team 2"));
  check(JSON.stringify(await stored(bob)) === "[]", "bob's stored rooms no longer hold team:2", await stored(bob));
  const d3 = await post(admin, "admin to team 2 after bob left", 2);
  await hasAll(admin, [d3.id]);
  await sleep(GRACE_MS);
  check(!(await ids(bob)).includes(d3.id), "bob, removed from team 2, stops receiving team 2's posts at once");
  check(await bob.page.evaluate(() => window.demo.socket.connected && window.demo.connects === 1), "bob's socket stayed connected (no reconnect needed)");
  const b2 = await post(bob, "bob without a team: only admins read this");
  await hasAll(admin, [b2.id]);
  await sleep(GRACE_MS);
  check(!(await ids(bob)).includes(b2.id) && !(await ids(alice)).includes(b2.id), "bob's post without a team reaches the admins only");

  // 3. ... and adds him back: the live socketsJoin reaches his open socket.
  await admin.page.evaluate(() => { window.demo.lastAction = null; });
  await admin.page.click('.team-action[data-action="add"]');
  await admin.page.waitForFunction(() => window.demo.lastAction, null, { timeout: WAIT_MS });
  await until("bob's re-add notice", async () => (await bob.page.evaluate(() => window.demo.notices)).includes("You were added to team 2"));
  const d4 = await post(admin, "welcome back to team 2, bob", 2);
  let back = true;
  await hasAll(bob, [d4.id]).catch(() => { back = false; });
  check(back && (await bob.page.evaluate(() => window.demo.connects)) === 1, "bob, added back, receives team 2's posts on the same socket");
  check(JSON.stringify(await stored(bob)) === '["team:2"]', "bob's stored rooms hold team:2 again", await stored(bob));

  // 4. Logout with disconnect: the server closes that browser's socket.
  await bob.page.click("#logout");
  let reason = null;
  await until("bob's disconnect", async () => (reason = await bob.page.evaluate(() => window.demo.disconnectReason)) !== null).catch(() => {});
  check(reason === "io server disconnect", "logout (forget + disconnect) closes bob's socket from the server ('io server disconnect')", reason);
  check((await bob.page.evaluate(() => window.demo.socket.connected)) === false, "bob's page: socket.connected === false");
  check((await redis.exists(storeKeyOf(secret, bob.sid))) === 0, "bob's stored rooms are deleted");
  check(
    (await admin.page.evaluate(() => window.demo.socket.connected)) && (await alice.page.evaluate(() => window.demo.socket.connected)),
    "the other browsers stay connected"
  );
  await sleep(GRACE_MS);
  check((await bob.page.evaluate(() => window.demo.connects)) === 1, "bob's page does not reconnect after the server disconnect");
  const d5 = await post(admin, "after bob logged out", 2);
  await hasAll(admin, [d5.id]);

  for (const [name, u] of Object.entries(users)) {
    check(u.errors.length === 0, `no JavaScript error in ${name}'s page`, u.errors);
    await u.page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  }
  const phpLog = readLog("php");
  check(!/PHP (Fatal|Warning|Notice|Deprecated)|Uncaught/.test(phpLog), "the PHP app logged no error", phpLog.split("\n").filter((l) => /PHP|Uncaught/.test(l)).slice(0, 5));
  check(node.exitCode === null, "the Node server is still running");
  console.log(`screenshots: ${outDir}/{admin,alice,bob}.png`);
}

const timer = setTimeout(() => {
  check(false, `the whole test finished within ${TOTAL_MS / 1000} s`);
  finish(1);
}, TOTAL_MS);

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(timer);
  if (failed || code) {
    for (const name of ["node", "php", "redis"]) {
      const log = readLog(name).trim().split("\n").slice(-15).join("\n  ");
      if (log) console.log(`--- ${name}.log (last lines)\n  ${log}`);
    }
  }
  await cleanup();
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed || code ? 1 : 0);
}

main().then(
  () => finish(0),
  (err) => {
    check(false, `the scenario ran to the end: ${err.message}`);
    finish(1);
  }
);
