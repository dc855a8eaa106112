// Laravel 8 (Debian's php-laravel-framework) + this extension + examples/node/echo.js,
// with the real laravel-echo and socket.io-client in headless Chromium.
//
// Starts a private Redis, TWO echo-server.js processes (presence and whispers
// must cross Socket.IO servers through Redis), the Laravel app of
// examples/laravel under `php -S` (and a second one whose Redis is dead), then
// drives three browser contexts (alice and carol: team 1, bob: team 2) and one
// whose user is logged in with the `ops` guard only.
//
//   node laravel-echo.test.js   # env: SOCKETIO_EXT, CHROMIUM, OUT_DIR
//
// Prints one line per check and "N passed, N failed"; screenshots in OUT_DIR.
"use strict";
const fs = require("fs");
const os = require("os");
const net = require("net");
const path = require("path");
const crypto = require("crypto");
const { spawn, spawnSync } = require("child_process");
const { chromium } = require("playwright-core");

const repo = path.resolve(__dirname, "../..");
const app = path.join(repo, "examples/laravel");
const so = process.env.SOCKETIO_EXT || path.join(repo, "target/release/libsocketio_emitter.so");
const outDir = path.resolve(process.env.OUT_DIR || path.join(__dirname, "out"));
const echoIife = path.join(__dirname, "node_modules/laravel-echo/dist/echo.iife.js");
const WAIT_MS = 10000;
const GRACE_MS = 600; // how long "does not receive" waits once the others received

let passed = 0;
let failed = 0;
function check(ok, label, detail) {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} laravel: ${label}${!ok && detail !== undefined ? `  (${JSON.stringify(detail)})` : ""}`);
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
const work = fs.mkdtempSync(path.join(os.tmpdir(), "fw-laravel-"));
const children = [];
function start(name, cmd, args, opts = {}) {
  const log = fs.openSync(path.join(work, `${name}.log`), "a");
  const child = spawn(cmd, args, { stdio: ["ignore", log, log], ...opts });
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
      if (await fn()) return true;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) return false;
    await sleep(50);
  }
}
const portOpen = (port) =>
  new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });

function laravelEnv(extra) {
  const storage = fs.mkdtempSync(path.join(work, "storage-"));
  for (const d of ["framework/sessions", "framework/views", "framework/cache", "logs"]) fs.mkdirSync(path.join(storage, d), { recursive: true });
  return { ...process.env, APP_STORAGE: storage, APP_KEY: appKey, QUEUE_CONNECTION: "sync", ...extra };
}
const sessionSecret = crypto.randomBytes(16).toString("hex");
const appKey = "base64:" + crypto.randomBytes(32).toString("base64");
// The machine's php.ini (Debian's conf.d brings mbstring, xml, … that Laravel needs) + our build.
const phpArgs = ["-d", `extension=${so}`, "-d", "error_log=" + path.join(work, "php-errors.log")];

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const [redisPort, echo1, echo2, webPort, deadWebPort, deadRedisPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const web = `http://127.0.0.1:${webPort}`;
  start("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
  if (!(await until("redis", () => portOpen(redisPort)))) throw new Error("redis did not start");
  for (const [i, port] of [echo1, echo2].entries()) {
    start(`echo${i + 1}`, "node", [path.join(repo, "examples/node/echo-server.js")], {
      env: { ...process.env, PORT: String(port), REDIS_URL: redisUrl, AUTH_HOST: web, CORS_ORIGIN: web, SESSION_SECRET: sessionSecret },
    });
  }
  start("php", "php", [...phpArgs, "-S", `127.0.0.1:${webPort}`, "-t", path.join(app, "public"), path.join(app, "public/index.php")], {
    env: laravelEnv({ SOCKETIO_REDIS_DSN: redisUrl, ECHO_HOST: `http://127.0.0.1:${echo1}`, SOCKETIO_SESSION_SECRET: sessionSecret }),
  });
  // The same app with its Redis gone: pages must still work (on_error => 'log').
  start("php-dead", "php", [...phpArgs, "-S", `127.0.0.1:${deadWebPort}`, "-t", path.join(app, "public"), path.join(app, "public/index.php")], {
    env: laravelEnv({ SOCKETIO_REDIS_DSN: `redis://127.0.0.1:${deadRedisPort}`, ECHO_HOST: `http://127.0.0.1:${echo1}` }),
  });
  for (const port of [echo1, echo2, webPort, deadWebPort]) {
    if (!(await until(`port ${port}`, () => portOpen(port)))) throw new Error(`port ${port} did not open`);
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const pages = {};
  async function open(name, user, echoPort, base = web, query = "") {
    const context = await browser.newContext({ viewport: { width: 900, height: 560 } });
    await context.route("**/js/echo.iife.js", (route) => route.fulfill({ path: echoIife, contentType: "application/javascript" }));
    const page = await context.newPage();
    page.on("pageerror", (err) => console.log(`  [${name}] page error: ${err.message}`));
    await page.goto(`${base}/login/${user}${query}`);
    if (echoPort !== echo1) await page.goto(`${base}/?echo=${encodeURIComponent(`http://127.0.0.1:${echoPort}`)}`);
    pages[name] = { page, context };
    return page;
  }
  const events = (name, kind) => pages[name].page.evaluate((k) => window.events.filter((e) => e.kind === k).map((e) => e.data), kind);
  const got = (name, kind, pred = () => true) => until(`${name} ${kind}`, async () => (await events(name, kind)).some(pred));
  // A private subscription has no acknowledgement in Echo's protocol: wait for the server's log line.
  const joined = async (name, channel) => {
    const id = await pages[name].page.evaluate(() => window.Echo.socketId());
    return until(`${name} in ${channel}`, () => (readLog("echo1") + readLog("echo2")).includes(`${id} joined ${channel}`));
  };
  const shot = (name) => pages[name].page.screenshot({ path: path.join(outDir, `laravel-${name}.png`) });
  const artisan = (args, env) => spawnSync("php", [...phpArgs, path.join(app, "artisan"), ...args], { env: laravelEnv(env), encoding: "utf8", timeout: 20000 });

  // Presence across two Socket.IO servers: alice on server 1, carol on server 2.
  await open("alice", "alice", echo1);
  check(await got("alice", "here", (m) => JSON.stringify(m) === '["alice"]'), "presence: alice's here() lists alice", await events("alice", "here"));
  await open("carol", "carol", echo2);
  check(await got("carol", "here", (m) => JSON.stringify(m) === '["alice","carol"]'), "presence: carol (other Socket.IO server) sees alice and carol", await events("carol", "here"));
  check(await got("alice", "joining", (n) => n === "carol"), "presence: alice sees carol joining", await events("alice", "joining"));
  await open("bob", "bob", echo1);
  check(await got("bob", "here", (m) => m.includes("bob") && m.length === 3), "presence: bob's here() lists three members", await events("bob", "here"));
  await got("alice", "joining", (n) => n === "bob");

  // Public channel, from a queued job dispatched by an artisan command.
  const text = "hello " + crypto.randomBytes(4).toString("hex");
  const cli = artisan(["announce", text], { SOCKETIO_REDIS_DSN: redisUrl });
  check(cli.status === 0, "artisan announce exits 0", cli.stderr);
  for (const name of ["alice", "carol", "bob"]) {
    check(await got(name, "news", (e) => e.text === text), `public channel news: ${name} receives the queued job's announcement`, await events(name, "news"));
  }

  // Private channel + toOthers(): alice posts to team 1.
  for (const [name, channel] of [["alice", "private-team.1"], ["carol", "private-team.1"], ["bob", "private-team.2"]]) {
    if (!(await joined(name, channel))) throw new Error(`${name} never joined ${channel}`);
  }
  const res = await pages.alice.page.evaluate(() => window.post("from alice"));
  check(res && res.ok === true, "POST /posts answers ok", res);
  check(await got("carol", "post", (p) => p.author === "alice" && p.text === "from alice"), "private team.1: carol receives alice's post (PostCreated via the sync queue)", await events("carol", "post"));
  await sleep(GRACE_MS);
  check((await events("alice", "post")).length === 0, "toOthers(): alice's own socket does not receive her post", await events("alice", "post"));
  check((await events("bob", "post")).length === 0, "private team.1: bob (team 2) does not receive it", await events("bob", "post"));

  // Denied: alice asks for team 2; bob's team-2 post must not reach her.
  await pages.alice.page.evaluate(() => window.subscribePrivate("team.2"));
  check(await got("alice", "denied", (d) => d.channel === "private-team.2" && d.status === 403), "private team.2: alice is refused (403 from /broadcasting/auth)", await events("alice", "denied"));
  await pages.bob.page.evaluate(() => window.post("team two only"));
  check(await got("bob", "post", () => true, 1000) === false, "bob does not get his own post (toOthers)");
  await sleep(GRACE_MS);
  check((await events("alice", "post:team.2")).length === 0, "denied: alice receives nothing on team.2", await events("alice", "post:team.2"));

  // Whisper (client event) on the private channel, across servers.
  await pages.alice.page.evaluate(() => window.whisper({ typing: "alice" }));
  check(await got("carol", "whisper", (w) => w.typing === "alice"), "whisper: carol (server 2) receives alice's typing", await events("carol", "whisper"));
  await sleep(GRACE_MS);
  check((await events("alice", "whisper")).length === 0 && (await events("bob", "whisper")).length === 0, "whisper: not echoed to alice, not sent to bob");

  // Per-channel guards: `ops` uses the ops guard. A user logged in with that
  // guard only is allowed; alice (web guard) is refused.
  await open("ops", "bob", echo2, web, "?guard=ops");
  await pages.ops.page.evaluate(() => window.subscribePrivate("ops"));
  await pages.alice.page.evaluate(() => window.subscribePrivate("ops"));
  check(await got("alice", "denied", (d) => d.channel === "private-ops"), "guards: alice (web guard) is refused private-ops", await events("alice", "denied"));
  check(await joined("ops", "private-ops"), "guards: the ops-guard user's subscription to private-ops is accepted");
  const opsText = "ops " + crypto.randomBytes(3).toString("hex");
  const opsCli = artisan(["ops", opsText], { SOCKETIO_REDIS_DSN: redisUrl });
  check(opsCli.status === 0, "artisan ops exits 0", opsCli.stderr);
  check(await got("ops", "announcement:ops", (e) => e.text === opsText), "guards: the ops-guard user subscribed to private-ops and receives a CLI event", await events("ops", "denied"));
  check((await events("ops", "denied")).length === 0, "guards: the ops-guard user was not refused", await events("ops", "denied"));

  for (const name of ["alice", "carol", "bob"]) await shot(name);

  // Leaving: carol's browser closes.
  await pages.carol.context.close();
  check(await got("alice", "leaving", (n) => n === "carol"), "presence: alice sees carol leaving when her browser closes", await events("alice", "leaving"));
  check(await got("bob", "leaving", (n) => n === "carol"), "presence: bob sees carol leaving", await events("bob", "leaving"));
  await shot("alice").catch(() => {});
  fs.copyFileSync(path.join(outDir, "laravel-alice.png"), path.join(outDir, "laravel-alice-after-carol-left.png"));

  // Logout (SessionRooms configured): the Logout listener forgets the session's
  // rooms and asks every Socket.IO server to close its sockets (a request on
  // <prefix>-request#/# naming the session room of the page's auth.sessionId).
  const { createClient } = require(require.resolve("redis", { paths: [path.join(repo, "examples/node")] }));
  const { roomOf } = require(path.join(repo, "examples/node/session-rooms.js"));
  const spy = createClient({ url: redisUrl });
  await spy.connect();
  const requests = [];
  await spy.pSubscribe("socket.io-request#*", (message) => requests.push(message), true);
  const bobSession = await pages.bob.page.evaluate(() => window.Echo.options.auth.sessionId);
  const bobLogout = await pages.bob.page.evaluate(() =>
    fetch("/logout", { method: "POST", headers: { "X-CSRF-TOKEN": document.querySelector('meta[name="csrf-token"]').content } }).then((r) => r.status)
  );
  check(bobLogout === 200, "logout answers 200 (the Logout listener ran)", bobLogout);
  const room = bobSession ? roomOf(sessionSecret, bobSession) : "(no sessionId in the page)";
  check(await until("disconnect request", () => requests.some((m) => m.includes(room))), `logout: a disconnect request for bob's session room (${room.slice(0, 16)}…)`, requests.map((m) => m.toString("latin1").slice(0, 80)));
  await spy.quit();
  check(await got("bob", "disconnected", (r) => r === "io server disconnect"), "logout: bob's browser socket is closed by the server", await events("bob", "disconnected"));
  check((await events("alice", "disconnected")).length === 0, "logout: alice's socket stays connected");

  // Redis down: the page and the post still answer 200; one line in the error log.
  const deadWeb = `http://127.0.0.1:${deadWebPort}`;
  const dead = await open("dead", "alice", echo1, deadWeb);
  const t0 = Date.now();
  const deadRes = await dead.evaluate(() => window.post("while redis is down"));
  const ms = Date.now() - t0;
  console.log(`  POST /posts with Redis down answered in ${ms} ms`);
  check(deadRes && deadRes.ok === true, "Redis down: POST /posts still answers ok (on_error => 'log'), no 500", deadRes);
  check(ms < 3000, `Redis down: answered within 3 s (took ${ms} ms)`);
  const outages = () => (readLog("php-errors").match(/socketio_emitter: cannot connect to Redis/g) || []).length;
  check(outages() === 1, "Redis down: exactly one line in PHP's error log for the outage", readLog("php-errors").slice(-400));
  const deadCli = artisan(["announce", "x"], { SOCKETIO_REDIS_DSN: `redis://127.0.0.1:${deadRedisPort}` });
  check(deadCli.status === 0 && outages() === 2, "Redis down: artisan announce exits 0 and its process logs the outage once", deadCli.stderr);
  // The connection's options come from config/broadcasting.php: on_error 'throw' there
  // (SOCKETIO_ON_ERROR) makes the same outage a BroadcastException.
  const throwCli = artisan(["announce", "x"], { SOCKETIO_REDIS_DSN: `redis://127.0.0.1:${deadRedisPort}`, SOCKETIO_ON_ERROR: "throw" });
  check(throwCli.status !== 0 && /Socket\.IO broadcast failed/.test(throwCli.stdout + throwCli.stderr), "config/broadcasting.php on_error 'throw': the outage is a BroadcastException", (throwCli.stdout + throwCli.stderr).slice(0, 300));

  await browser.close();
}

main()
  .catch((err) => {
    console.log(err.stack || String(err));
    for (const name of ["echo1", "echo2", "php", "php-dead"]) console.log(`--- ${name}.log\n${readLog(name).slice(-1500)}`);
    failed += 1;
  })
  .finally(() => {
    if (failed) for (const name of ["echo1", "echo2", "php"]) console.log(`--- ${name}.log (tail)\n${readLog(name).slice(-1500)}`);
    for (const child of children) child.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
