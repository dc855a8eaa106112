// PHP's SocketIO\SessionRooms::roomOf() and this directory's roomOf() must name
// a session's room identically, or sockets never get the rooms PHP chose.
// This runs the extension for ~20 (secret, session id) pairs and compares.
//
//   node test-room-names.js            # SOCKETIO_EXT=/path/to.so PHP=php to override
//
// Prints "N passed, N failed" and exits non-zero on a failure.
"use strict";
const path = require("path");
const { execFileSync } = require("child_process");
const { roomOf, sessionRooms } = require("./session-rooms");

const so = process.env.SOCKETIO_EXT || path.resolve(__dirname, "../../target/release/libsocketio_emitter.so");
const php = process.env.PHP || "php";

const secret = "0123456789abcdef-not-a-real-secret";
const b = (s, enc = "utf8") => Buffer.from(s, enc);
// [label, secret bytes, session id bytes]
const cases = [
  ["typical PHPSESSID", b(secret), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["CodeIgniter-style 40 hex", b(secret), b("8f14e45fceea167a5a36dedd4bea2543a1b2c3d4")],
  ["one character", b(secret), b("a")],
  ["digits only", b(secret), b("1234567890")],
  ["spaces and punctuation", b(secret), b("a b;c=d,e%20f\"g'h")],
  ["URL-encoded-looking", b(secret), b("abc%3Ddef")],
  ["unicode", b(secret), b("sessión-日本語-👋")],
  ["NUL byte inside", b(secret), b("abc\u0000def")],
  ["binary bytes (invalid UTF-8)", b(secret), b("00ff80fe7f0a0d1b", "hex")],
  ["all 256 byte values", b(secret), Buffer.from([...Array(256).keys()])],
  ["long id (4 KiB)", b(secret), b("x".repeat(4096))],
  ["long id (64 KiB - 1)", b(secret), b("ab".repeat(32767) + "c")],
  ["exactly 16-byte secret", b("sixteen-bytes-ok"), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["other secret, same id", b("another secret of some length"), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["secret longer than the HMAC block (100 bytes)", b("k".repeat(100)), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["unicode secret, 9 chars = 18 bytes", b("ééééééééé"), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["binary secret", b("00112233445566778899aabbccddeeff00", "hex"), b("q3k9v0s1l2m3n4o5p6r7t8u9w0")],
  ["secret with NUL bytes", b("\u0000".repeat(20)), b("id")],
  ["id that looks like a room", b(secret), b("session:0123456789abcdef0123456789abcdef")],
  ["Yii-style 32 chars", b(secret), b("7d2c8e1b9f0a4c3d5e6f7a8b9c0d1e2f")],
];
// [label, secret, id]: both sides must refuse these.
const rejected = [
  ["15-byte secret", b("fifteen-bytes!!"), b("id")],
  ["empty secret", b(""), b("id")],
  ["unicode secret, 8 chars but 15 bytes", b("ééééééé!"), b("id")],
];
const phpRejected = [["empty session id", b(secret), b("")]];

const phpCode = `
$in = json_decode(stream_get_contents(STDIN), true);
$emitter = new SocketIO\\Emitter(['dsn' => 'redis://127.0.0.1:9', 'persistent' => false]); // never connects: roomOf() is local
$out = [];
foreach ($in as [$secret, $id]) {
    try {
        $out[] = ['room' => (new SocketIO\\SessionRooms($emitter, ['secret' => hex2bin($secret)]))->roomOf(hex2bin($id))];
    } catch (Throwable $t) {
        $out[] = ['error' => get_class($t) . ': ' . $t->getMessage()];
    }
}
echo json_encode($out);
`;

function runPhp(list) {
  const input = JSON.stringify(list.map(([, s, id]) => [s.toString("hex"), id.toString("hex")]));
  const extra = (process.env.PHP_ARGS || "").split(" ").filter(Boolean);
  const out = execFileSync(php, ["-n", "-d", `extension=${so}`, ...extra, "-r", phpCode], { input, timeout: 30000, maxBuffer: 1 << 24 });
  return JSON.parse(out.toString());
}

let passed = 0;
let failed = 0;
const check = (ok, label, detail) => {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} ${label}${detail ? `  ${detail}` : ""}`);
};

const all = [...cases, ...rejected, ...phpRejected];
let results;
try {
  results = runPhp(all);
} catch (err) {
  console.log(`FAIL running PHP: ${err.message.split("\n").slice(0, 5).join(" | ")}`);
  console.log(`0 passed, ${all.length} failed`);
  process.exit(1);
}

cases.forEach(([label, s, id], i) => {
  const node = roomOf(s, id);
  const got = results[i];
  check(got.room === node && /^session:[0-9a-f]{32}$/.test(node), label, got.room === node ? node : `php=${JSON.stringify(got)} node=${node}`);
});
rejected.forEach(([label, s], j) => {
  const got = results[cases.length + j];
  let nodeThrew = false;
  try {
    sessionRooms({ secret: s, redis: {} });
  } catch {
    nodeThrew = true;
  }
  check(Boolean(got.error) && nodeThrew, `${label}: refused by both`, got.error ? got.error : `php=${JSON.stringify(got)} nodeThrew=${nodeThrew}`);
});
phpRejected.forEach(([label], k) => {
  const got = results[cases.length + rejected.length + k];
  check(Boolean(got.error), `${label}: PHP throws (the middleware refuses it as "unauthorized")`, got.error || JSON.stringify(got));
});
// The same id under two secrets must give two rooms (the secret really keys the hash).
check(roomOf(b(secret), b("id")) !== roomOf(b("another secret of some length"), b("id")), "the secret changes the room");

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
