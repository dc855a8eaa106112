"use strict";
// Generates golden vectors by driving the OFFICIAL @socket.io/redis-emitter
// (and, for reference, the legacy socket.io-emitter 3.1.1 / 3.2.0 and the
// official sharded adapter) against a real Redis server, capturing the exact
// command, channel and payload bytes that reach Redis.
//
// Capture method (no Redis client library in the capture path):
//   * a raw RESP connection issues `PSUBSCRIBE *` and records pmessage bytes;
//   * a second raw RESP connection issues `MONITOR`; MONITOR lines are decoded
//     byte-exactly (sdscatrepr escapes) to learn the command (PUBLISH/SPUBLISH).
// For PUBLISH the two captures are asserted to be byte-identical.
//
// Usage: REDIS_PORT=<port of a private Redis >= 7> [OUT_DIR=dir] node gen.js
// (writes golden-vectors*.json and emitter-behaviour-checks.json into OUT_DIR,
// default beside this file). tools/golden.sh runs it against a throw-away Redis
// and diffs the output with the committed files; the npm versions are pinned in
// package.json + package-lock.json.

const fs = require("fs");
const path = require("path");
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");
const notepack = require("notepack.io");
const { Capture } = require("./resp");

if (!process.env.REDIS_PORT) {
  console.error("REDIS_PORT is required (the port of a private Redis >= 7 on 127.0.0.1)");
  process.exit(2);
}
const REDIS_PORT = parseInt(process.env.REDIS_PORT, 10);
const OUT_DIR = process.env.OUT_DIR || __dirname;

// ---------------------------------------------------------------------------
// JSON-safe tagging of values so that e2e.js can rebuild the expected
// arguments: Buffers -> {"$bin": hex}, Dates -> {"$date": iso}.
function tag(v) {
  if (Buffer.isBuffer(v)) return { $bin: v.toString("hex") };
  if (v instanceof Date) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map(tag);
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = tag(v[k]);
    return o;
  }
  return v;
}

// Human readable decoding of a payload (msgpack via notepack.io or JSON).
function decodePayload(buf) {
  if (buf[0] === 0x7b) return { format: "json", decoded: JSON.parse(buf.toString()) };
  return { format: "msgpack", decoded: tag(notepack.decode(buf)) };
}

// ---------------------------------------------------------------------------
// Test values
const BIN3 = Buffer.from([0x01, 0x02, 0x03]);
const BIN256 = Buffer.alloc(256, 0).map((_, i) => i & 0xff);
const STR31 = "a".repeat(31);
const STR32 = "b".repeat(32);
const STR255 = "c".repeat(255);
const STR256 = "d".repeat(256);
const STR65536 = "e".repeat(65536);
const ARR16 = Array.from({ length: 16 }, (_, i) => i);
const MAP16 = Object.fromEntries(Array.from({ length: 16 }, (_, i) => ["k" + String(i).padStart(2, "0"), i]));

// Each vector: name, php (PHP-side call it corresponds to), note, meta (the
// intent, used by e2e.js to compute expected receivers), run(io).
// meta.kind: emit | socketsJoin | socketsLeave | disconnectSockets | serverSideEmit
function emitVec(name, php, opts, ev, args, note, run) {
  const meta = {
    kind: "emit",
    prefix: opts.prefix || "socket.io",
    nsp: opts.nsp || "/",
    rooms: opts.rooms || [],
    except: opts.except || [],
    flags: opts.flags || {},
    event: ev,
    args: tag(args),
  };
  const defaultRun = (base) => {
    let e = base;
    if (meta.nsp !== "/") e = e.of(meta.nsp);
    let b = e;
    for (const r of meta.rooms) b = b.to(r);
    for (const r of meta.except) b = b.except(r);
    if (meta.flags.volatile) b = b.volatile;
    if (meta.flags.compress !== undefined) b = b.compress(meta.flags.compress);
    return b.emit(ev, ...args);
  };
  return { name, php, note, meta, run: run || defaultRun };
}

const V = [];

// --- basic targeting -------------------------------------------------------
V.push(emitVec("emit_all_no_args", "$e->emit('hello')", {}, "hello", [],
  "Broadcast to every socket of namespace '/'; no extra arguments."));
V.push(emitVec("emit_all_string", "$e->emit('hello', 'world')", {}, "hello", ["world"],
  "Broadcast to all with one string argument."));
V.push(emitVec("to_one_room", "$e->to('room1')->emit('ev', 1)", { rooms: ["room1"] }, "ev", [1],
  "Exactly one room: channel gets the room suffix '<prefix>#<nsp>#<room>#'."));
V.push(emitVec("in_one_room", "$e->in('room1')->emit('ev', 1)", { rooms: ["room1"] }, "ev", [1],
  "in() is an alias of to(); identical bytes to to_one_room.",
  (io) => io.in("room1").emit("ev", 1)));
V.push(emitVec("to_two_rooms_chained", "$e->to('room1')->to('room2')->emit('ev', 'x')", { rooms: ["room1", "room2"] }, "ev", ["x"],
  "Two rooms: no room suffix on the channel; rooms listed in opts.rooms in insertion order."));
V.push(emitVec("to_rooms_array", "$e->to(['room1', 'room2'])->emit('ev', 'x')", { rooms: ["room1", "room2"] }, "ev", ["x"],
  "to() with an array; same bytes as the chained form.",
  (io) => io.to(["room1", "room2"]).emit("ev", "x")));
V.push(emitVec("to_same_room_twice", "$e->to('room1')->to('room1')->emit('ev', 'dup')", { rooms: ["room1"] }, "ev", ["dup"],
  "Rooms are a Set: duplicates collapse, so this is the single-room case (channel has the room suffix).",
  (io) => io.to("room1").to("room1").emit("ev", "dup")));
V.push(emitVec("except_one_room", "$e->except('room2')->emit('ev', 'not-room2')", { except: ["room2"] }, "ev", ["not-room2"],
  "Broadcast to all except sockets in room2; except rooms never affect the channel name."));
V.push(emitVec("to_room_except_room", "$e->to('room1')->except('room2')->emit('ev', 'r1-not-r2')", { rooms: ["room1"], except: ["room2"] }, "ev", ["r1-not-r2"],
  "Single target room (channel suffix) plus an except list."));
V.push(emitVec("except_two_rooms_array", "$e->except(['room1', 'room2'])->emit('ev')", { except: ["room1", "room2"] }, "ev", [],
  "except() with an array.",
  (io) => io.except(["room1", "room2"]).emit("ev")));
V.push(emitVec("room_with_hash_and_unicode", "$e->to('r#1/é')->emit('ev', 'odd room')", { rooms: ["r#1/é"] }, "ev", ["odd room"],
  "Room names are inserted verbatim (UTF-8) into the channel; '#' is not escaped. The adapter strips the prefix and the final '#'."));
V.push(emitVec("room_numeric_string", "$e->to('123')->emit('ev', 'numeric room')", { rooms: ["123"] }, "ev", ["numeric room"],
  "Room given as the string '123' (the PHP side should send room names as msgpack strings)."));

// --- namespaces ------------------------------------------------------------
V.push(emitVec("of_admin_emit", "$e->of('/admin')->emit('ev', ['a' => 1])", { nsp: "/admin" }, "ev", [{ a: 1 }],
  "Namespace '/admin': channel 'socket.io#/admin#' and packet.nsp '/admin'."));
V.push(emitVec("of_admin_without_slash", "$e->of('admin')->emit('ev', 'no-slash')", { nsp: "/admin" }, "ev", ["no-slash"],
  "of() prepends '/' when missing.",
  (io) => io.of("admin").emit("ev", "no-slash")));
V.push(emitVec("of_admin_to_room", "$e->of('/admin')->to('room1')->emit('ev', 'admin-room1')", { nsp: "/admin", rooms: ["room1"] }, "ev", ["admin-room1"],
  "Namespace plus single room: 'socket.io#/admin#room1#'."));

// --- flags -----------------------------------------------------------------
V.push(emitVec("volatile", "$e->volatile()->emit('ev', 'v')", { flags: { volatile: true } }, "ev", ["v"],
  "flags = {volatile: true}."));
V.push(emitVec("compress_false", "$e->compress(false)->emit('ev', 'nc')", { flags: { compress: false } }, "ev", ["nc"],
  "flags = {compress: false}."));
V.push(emitVec("compress_true", "$e->compress(true)->emit('ev', 'c')", { flags: { compress: true } }, "ev", ["c"],
  "flags = {compress: true}."));
V.push(emitVec("room_volatile_compress_false", "$e->to('room1')->volatile()->compress(false)->emit('ev', 'all-flags')",
  { rooms: ["room1"], flags: { volatile: true, compress: false } }, "ev", ["all-flags"],
  "Flag keys keep the order in which the modifiers were applied (volatile then compress)."));
V.push(emitVec("compress_false_then_volatile", "$e->compress(false)->volatile()->emit('ev', 'order')",
  { flags: { compress: false, volatile: true } }, "ev", ["order"],
  "Same flags applied in the other order -> map keys in the other order (semantically equal).",
  (io) => io.compress(false).volatile.emit("ev", "order")));

// --- value types -----------------------------------------------------------
V.push(emitVec("nested_object", "$e->emit('ev', ['user' => ['id' => 7, 'name' => 'Ann', 'tags' => ['a', 'b'], 'meta' => ['ok' => true, 'score' => null]]])", {},
  "ev", [{ user: { id: 7, name: "Ann", tags: ["a", "b"], meta: { ok: true, score: null } } }],
  "Nested map/array; map keys in insertion order."));
V.push(emitVec("array_arg", "$e->emit('ev', [1, 'two', 3.5, false])", {}, "ev", [[1, "two", 3.5, false]],
  "A list argument -> msgpack array."));
V.push(emitVec("empty_array", "$e->emit('ev', [])", {}, "ev", [[]],
  "Empty list -> fixarray 0x90. (A PHP implementation must decide how an empty PHP array is encoded.)"));
V.push(emitVec("empty_object", "$e->emit('ev', new stdClass())", {}, "ev", [{}],
  "Empty map -> fixmap 0x80."));
V.push(emitVec("numeric_string_keys", "$e->emit('ev', (object)['1' => 'a', '0' => 'b'])", {}, "ev", [{ 1: "a", 0: "b" }],
  "JS orders integer-like keys ascending, so Node emits keys '0','1' as strings. PHP would turn such keys into ints; notepack.io accepts int keys (they become property names)."));
V.push(emitVec("unicode_strings", "$e->emit('ev', 'héllo', '中文', '🎉', \"\\u{0}nul\")", {}, "ev", ["héllo", "中文", "🎉", "\u0000nul"],
  "UTF-8 encoded strings; length prefix is the UTF-8 byte length; NUL byte passes through."));
V.push(emitVec("unicode_event_name", "$e->emit('événement', 1)", {}, "événement", [1],
  "Non-ASCII event name."));
V.push(emitVec("string_length_boundaries", "$e->emit('ev', str_repeat('a',31), str_repeat('b',32), str_repeat('c',255), str_repeat('d',256))", {},
  "ev", [STR31, STR32, STR255, STR256],
  "fixstr (<=31 bytes: 0xa0|len), str8 (0xd9, 32..255 bytes), str16 (0xda, >=256 bytes)."));
V.push(emitVec("string_str32", "$e->emit('ev', str_repeat('e', 65536))", {}, "ev", [STR65536],
  "str32 (0xdb) for strings >= 65536 bytes."));
V.push(emitVec("binary_small", "$e->emit('ev', new Binary(\"\\x01\\x02\\x03\"))", {}, "ev", [BIN3],
  "Buffer -> msgpack bin8 (0xc4). packet.type stays 2 (EVENT); socket.io >= 3 upgrades to BINARY_EVENT when encoding for the client."));
V.push(emitVec("binary_empty", "$e->emit('ev', new Binary(''))", {}, "ev", [Buffer.alloc(0)],
  "Zero-length Buffer -> c4 00."));
V.push(emitVec("binary_256", "$e->emit('ev', new Binary(<bytes 0..255>))", {}, "ev", [BIN256],
  "256-byte Buffer -> bin16 (0xc5 01 00)."));
V.push(emitVec("binary_nested", "$e->emit('ev', ['name' => 'f.bin', 'data' => new Binary(\"\\x01\\x02\\x03\")])", {}, "ev",
  [{ name: "f.bin", data: BIN3 }], "Binary nested inside a map."));
V.push(emitVec("ints_positive", "$e->emit('ev', 0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991, 9007199254740992)", {},
  "ev", [0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991, 9007199254740992],
  "Non-negative ints always use fixint/uint8/uint16/uint32/uint64 (0xcc/0xcd/0xce/0xcf), never the signed forms."));
V.push(emitVec("ints_negative", "$e->emit('ev', -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -9007199254740991)", {},
  "ev", [-1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -9007199254740991],
  "Negative ints use negative fixint / int8 / int16 / int32 / int64 (0xd0..0xd3), smallest that fits."));
V.push(emitVec("floats", "$e->emit('ev', 0.5, -1.5, 3.141592653589793, 1.0E-7, 5.0E-324)", {},
  "ev", [0.5, -1.5, 3.141592653589793, 1e-7, 5e-324],
  "Non-integral numbers are always float64 (0xcb, big-endian IEEE 754); notepack.io never emits float32."));
{
  const q = emitVec("quirk_large_integral_double", "$e->emit('ev', 1.0E21, 1.7976931348623157E308) /* do NOT replicate */", {}, "ev",
    [1e21, 1.7976931348623157e308],
    "notepack.io BUG: integral doubles >= 2^64 take the uint64 path and are truncated (1e21 -> cf 35c9adc5dea00000, DBL_MAX -> cf 00..00). Clients receive 3875820019684212736 and 0. A PHP float must be sent as float64 (cb ...).");
  q.meta.args = [3875820019684212736, 0]; // what clients really receive
  q.meta.quirk = true;
  V.push(q);
}
V.push(emitVec("float_integral_values", "$e->emit('ev', 1.0, 2.0, -3.0) /* see note */", {}, "ev", [1.0, 2.0, -3.0],
  "In JS 1.0 === 1, so Node encodes integral floats as ints (01 02 fd). A PHP float 1.0 encoded as float64 (cb 3ff0...) decodes to the same JS number; both forms are accepted."));
V.push(emitVec("null_and_bools", "$e->emit('ev', null, true, false)", {}, "ev", [null, true, false],
  "nil 0xc0, true 0xc3, false 0xc2."));
V.push(emitVec("multiple_args_mixed", "$e->emit('ev', 1, 'two', [3], ['four' => 4], null, true)", {}, "ev",
  [1, "two", [3], { four: 4 }, null, true], "Several arguments: packet.data = [event, ...args]."));
V.push(emitVec("array16_and_map16", "$e->emit('ev', range(0, 15), ['k00' => 0, ..., 'k15' => 15])", {}, "ev", [ARR16, MAP16],
  "16 elements -> array16 (0xdc 00 10) and map16 (0xde 00 10)."));
V.push(emitVec("date_value", "$e->emit('ev', new DateTime('2020-01-02T03:04:05.678Z')) /* no PHP equivalent defined */", {}, "ev",
  [new Date("2020-01-02T03:04:05.678Z")],
  "notepack.io 3.x encodes Date as the msgpack timestamp extension (type -1, here timestamp64 0xd7 0xff). Clients receive the ISO string. Documented for completeness."));

// --- immutability ------------------------------------------------------------
V.push(emitVec("immutability_base_unaffected", "$r = $e->to('room1'); $r->volatile(); $e->emit('ev', 'to-all')", {}, "ev", ["to-all"],
  "to()/volatile return NEW operators; calling them without using the result does not change the base emitter, so this goes to everyone without flags.",
  (io) => { const r = io.to("room1"); r.volatile; r.compress(false); return io.emit("ev", "to-all"); }));
V.push(emitVec("immutability_branching", "$r = $e->to('room1'); $r->to('room2'); $r->emit('ev', 'only-room1')", { rooms: ["room1"] }, "ev", ["only-room1"],
  "Branching from an operator does not mutate it: r still targets only room1.",
  (io) => { const r = io.to("room1"); r.to("room2"); return r.emit("ev", "only-room1"); }));

// --- custom prefix -----------------------------------------------------------
V.push(emitVec("custom_prefix_emit", "(new Emitter($redis, ['key' => 'myprefix']))->emit('ev', 'custom')", { prefix: "myprefix" }, "ev", ["custom"],
  "Custom key prefix: channel 'myprefix#/#'."));
V.push(emitVec("custom_prefix_room", "(new Emitter($redis, ['key' => 'myprefix']))->to('room1')->emit('ev', 'custom-room')", { prefix: "myprefix", rooms: ["room1"] }, "ev", ["custom-room"],
  "Custom prefix + single room: 'myprefix#/#room1#'."));

// --- requests (JSON on the request channel) ---------------------------------
function reqVec(name, php, meta, note, run) {
  return { name, php, note, meta: Object.assign({ prefix: "socket.io", nsp: "/", rooms: [], except: [] }, meta), run };
}
V.push(reqVec("sockets_join_all", "$e->socketsJoin('room3')", { kind: "socketsJoin", target: ["room3"] },
  "REMOTE_JOIN (type 2) as JSON on '<prefix>-request#<nsp>#'. No uid field.",
  (io) => io.socketsJoin("room3")));
V.push(reqVec("sockets_join_filtered", "$e->in('room1')->except('room2')->socketsJoin(['room4', 'room5'])",
  { kind: "socketsJoin", rooms: ["room1"], except: ["room2"], target: ["room4", "room5"] },
  "REMOTE_JOIN with opts.rooms/opts.except filters.",
  (io) => io.in("room1").except("room2").socketsJoin(["room4", "room5"])));
V.push(reqVec("sockets_leave", "$e->in('room1')->socketsLeave('room1')", { kind: "socketsLeave", rooms: ["room1"], target: ["room1"] },
  "REMOTE_LEAVE (type 3).",
  (io) => io.in("room1").socketsLeave("room1")));
V.push(reqVec("disconnect_sockets_default", "$e->in('room2')->disconnectSockets()", { kind: "disconnectSockets", rooms: ["room2"], close: false },
  "REMOTE_DISCONNECT (type 4), close defaults to false.",
  (io) => io.in("room2").disconnectSockets()));
V.push(reqVec("disconnect_sockets_close_true", "$e->in('room2')->disconnectSockets(true)", { kind: "disconnectSockets", rooms: ["room2"], close: true },
  "REMOTE_DISCONNECT with close=true (closes the underlying connection).",
  (io) => io.in("room2").disconnectSockets(true)));
V.push(reqVec("disconnect_sockets_all_except", "$e->except('room1')->disconnectSockets(false)", { kind: "disconnectSockets", except: ["room1"], close: false },
  "REMOTE_DISCONNECT for everyone except room1.",
  (io) => io.except("room1").disconnectSockets(false)));
V.push(reqVec("server_side_emit", "$e->serverSideEmit('hello', 'world', 1)", { kind: "serverSideEmit", event: "hello", args: ["world", 1] },
  "SERVER_SIDE_EMIT (type 6), JSON, includes uid 'emitter'; data = [event, ...args].",
  (io) => io.serverSideEmit("hello", "world", 1)));
V.push(reqVec("server_side_emit_admin", "$e->of('/admin')->serverSideEmit('ping')", { kind: "serverSideEmit", nsp: "/admin", event: "ping", args: [] },
  "SERVER_SIDE_EMIT on namespace '/admin'.",
  (io) => io.of("/admin").serverSideEmit("ping")));
V.push(reqVec("custom_prefix_sockets_join", "(new Emitter($redis, ['key' => 'myprefix']))->socketsJoin('room3')",
  { kind: "socketsJoin", prefix: "myprefix", target: ["room3"] },
  "Custom prefix request channel 'myprefix-request#/#'.",
  (io) => io.socketsJoin("room3")));

// ---------------------------------------------------------------------------
async function captureOne(cap, fn) {
  const mark = cap.mark();
  await fn();
  const got = await cap.waitFor(mark, 1);
  if (got.monitor.length !== 1) throw new Error("expected exactly one command, got " + got.monitor.length);
  const m = got.monitor[0];
  const channel = m.args[0];
  const payload = m.command === "XADD" ? null : m.args[1];
  if (m.command === "PUBLISH") {
    const pm = got.pmessages[0];
    if (!pm || !pm.channel.equals(channel) || !pm.payload.equals(payload)) {
      throw new Error("MONITOR and PSUBSCRIBE captures differ");
    }
  }
  return { command: m.command, args: m.args, channel, payload };
}

async function main() {
  const cap = new Capture(REDIS_PORT);
  await cap.start();

  const client = createClient({ url: `redis://127.0.0.1:${REDIS_PORT}` });
  await client.connect();
  const settle = () => new Promise((r) => setTimeout(r, 20));

  // ---------------- @socket.io/redis-emitter 5.1.0 ----------------
  const emitterVersion = require("@socket.io/redis-emitter/package.json").version;
  const out = [];
  for (const v of V) {
    const io = new Emitter(client, v.meta.prefix !== "socket.io" ? { key: v.meta.prefix } : undefined);
    const c = await captureOne(cap, async () => { v.run(io); await settle(); });
    const dec = decodePayload(c.payload);
    out.push({
      name: v.name,
      description: `${v.php} -- ${v.note}`,
      channel: c.channel.toString("utf8"),
      payload_hex: c.payload.toString("hex"),
      command: c.command,
      format: dec.format,
      decoded: dec.decoded,
      meta: v.meta,
    });
    process.stdout.write(".");
  }
  console.log(`\n${out.length} vectors from @socket.io/redis-emitter ${emitterVersion}`);

  // Reserved event names / acks: record behaviour (not vectors).
  const io = new Emitter(client);
  const checks = {};
  for (const ev of ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener", "connection", "error"]) {
    try { io.emit(ev); checks[ev] = "accepted (published)"; } catch (e) { checks[ev] = "throws: " + e.message; }
  }
  try { io.serverSideEmit("x", () => {}); checks["serverSideEmit with ack callback"] = "accepted"; } catch (e) { checks["serverSideEmit with ack callback"] = "throws: " + e.message; }
  try { io.serverSideEmit("connection"); checks["serverSideEmit('connection')"] = "accepted (published, NOT rejected)"; } catch (e) { checks["serverSideEmit('connection')"] = "throws: " + e.message; }
  await settle();
  await new Promise((r) => setTimeout(r, 200));

  fs.writeFileSync(path.join(OUT_DIR, "golden-vectors.json"), JSON.stringify(out, null, 2) + "\n");

  // ---------------- legacy socket.io-emitter 3.1.1 / 3.2.0 ----------------
  const legacy = [];
  for (const pkg of ["socket.io-emitter-3.1.1", "socket.io-emitter-3.2.0"]) {
    let init;
    try { init = require(pkg); } catch (e) { console.log("skip", pkg, e.message); continue; }
    const ver = require(pkg + "/package.json").version;
    // The legacy emitter only checks for a node_redis-like `hset` property.
    const shim = { hset() {}, publish: (ch, msg) => client.publish(ch, msg) };
    const L = [
      ["emit_all", "emit('hello', 'world')", (e) => e.emit("hello", "world")],
      ["to_one_room", "to('room1').emit('ev', 1)", (e) => e.to("room1").emit("ev", 1)],
      ["to_two_rooms", "to('room1').to('room2').emit('ev', 'x')", (e) => e.to("room1").to("room2").emit("ev", "x")],
      ["of_admin", "of('/admin').emit('ev', {a: 1})", (e) => e.of("/admin").emit("ev", { a: 1 })],
      ["volatile", "volatile.emit('ev', 'v')", (e) => e.volatile.emit("ev", "v")],
      ["broadcast_json_flags", "broadcast.json.emit('ev')", (e) => e.broadcast.json.emit("ev")],
      ["binary_small", "emit('ev', Buffer<010203>)", (e) => e.emit("ev", BIN3)],
      ["custom_prefix", "{key: 'myprefix'} emit('ev', 'custom')", null],
    ];
    for (const [n, call, fn] of L) {
      const e = n === "custom_prefix" ? init(shim, { key: "myprefix" }) : init(shim);
      const run = fn || ((x) => x.emit("ev", "custom"));
      const c = await captureOne(cap, async () => { run(e); await settle(); });
      const dec = decodePayload(c.payload);
      legacy.push({
        name: `legacy-${ver}/${n}`,
        description: `socket.io-emitter ${ver}: ${call}`,
        channel: c.channel.toString("utf8"),
        payload_hex: c.payload.toString("hex"),
        command: c.command,
        format: dec.format,
        decoded: dec.decoded,
      });
    }
    console.log(`${L.length} legacy vectors from socket.io-emitter ${ver}`);
  }
  fs.writeFileSync(path.join(OUT_DIR, "golden-vectors-legacy.json"), JSON.stringify(legacy, null, 2) + "\n");

  // ---------------- sharded adapter native format ----------------
  // There is no official emitter for the sharded adapter. To document the
  // format a sharded-compatible emitter would need, drive the OFFICIAL
  // ShardedRedisAdapter (8.3.0) in a server with no clients, with its uid
  // forced to "emitter", and capture what it SPUBLISHes.
  const sharded = await genSharded(cap, settle);
  fs.writeFileSync(path.join(OUT_DIR, "golden-vectors-sharded.json"), JSON.stringify(sharded, null, 2) + "\n");

  // ---------------- redis-streams adapter native format ----------------
  const streams = await genStreams(cap, settle);
  fs.writeFileSync(path.join(OUT_DIR, "golden-vectors-streams.json"), JSON.stringify(streams, null, 2) + "\n");

  fs.writeFileSync(path.join(OUT_DIR, "emitter-behaviour-checks.json"), JSON.stringify(checks, null, 2) + "\n");
  console.log("behaviour checks:", checks);

  await client.quit();
  cap.stop();
}

async function genSharded(cap, settle) {
  const { Server } = require("socket.io");
  const { createShardedAdapter } = require("@socket.io/redis-adapter");
  const pub = createClient({ url: `redis://127.0.0.1:${REDIS_PORT}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const results = [];
  for (const mode of ["dynamic", "static"]) {
    const io = new Server({ adapter: createShardedAdapter(pub, sub, { subscriptionMode: mode }) });
    const nsps = { "/": io.of("/"), "/admin": io.of("/admin") };
    for (const n of Object.values(nsps)) n.adapter.uid = "emitter";
    await new Promise((r) => setTimeout(r, 100));
    const E = (o) => Object.assign({ kind: "emit", prefix: "socket.io", nsp: "/", rooms: [], except: [], flags: {} }, o);
    const R = (o) => Object.assign({ prefix: "socket.io", nsp: "/", rooms: [], except: [] }, o);
    const S = [
      ["emit_all", "emit('hello', 'world')", () => io.emit("hello", "world"), E({ event: "hello", args: ["world"] })],
      ["to_one_room", "to('room1').emit('ev', 1)", () => io.to("room1").emit("ev", 1), E({ rooms: ["room1"], event: "ev", args: [1] })],
      ["to_two_rooms", "to(['room1','room2']).emit('ev', 'x')", () => io.to(["room1", "room2"]).emit("ev", "x"), E({ rooms: ["room1", "room2"], event: "ev", args: ["x"] })],
      ["except_room", "except('room2').emit('ev', 'not-room2')", () => io.except("room2").emit("ev", "not-room2"), E({ except: ["room2"], event: "ev", args: ["not-room2"] })],
      ["to_socket_id_like_room", "to('aaaaaaaaaaaaaaaaaaaa').emit('ev') (20-char room)", () => io.to("aaaaaaaaaaaaaaaaaaaa").emit("ev"), E({ rooms: ["aaaaaaaaaaaaaaaaaaaa"], event: "ev", args: [] })],
      ["volatile_compress", "volatile.compress(false).emit('ev', 'v')", () => io.volatile.compress(false).emit("ev", "v"), E({ flags: { volatile: true, compress: false }, event: "ev", args: ["v"] })],
      ["of_admin_room", "of('/admin').to('room1').emit('ev', 'admin')", () => io.of("/admin").to("room1").emit("ev", "admin"), E({ nsp: "/admin", rooms: ["room1"], event: "ev", args: ["admin"] })],
      ["binary", "emit('ev', Buffer<010203>)", () => io.emit("ev", BIN3), E({ event: "ev", args: tag([BIN3]) })],
      ["ints_floats", "emit('ev', 1, -1, 4294967296, 0.5)", () => io.emit("ev", 1, -1, 4294967296, 0.5), E({ event: "ev", args: [1, -1, 4294967296, 0.5] })],
      ["sockets_join", "socketsJoin('room3')", () => io.socketsJoin("room3"), R({ kind: "socketsJoin", target: ["room3"] })],
      ["sockets_leave", "in('room1').socketsLeave('room1')", () => io.in("room1").socketsLeave("room1"), R({ kind: "socketsLeave", rooms: ["room1"], target: ["room1"] })],
      ["disconnect_sockets", "in('room2').disconnectSockets(true)", () => io.in("room2").disconnectSockets(true), R({ kind: "disconnectSockets", rooms: ["room2"], close: true })],
      ["server_side_emit", "serverSideEmit('hello', 'world', 1)", () => io.serverSideEmit("hello", "world", 1), R({ kind: "serverSideEmit", event: "hello", args: ["world", 1] })],
    ];
    for (const [n, call, fn, meta] of S) {
      const c = await captureOne(cap, async () => { fn(); await settle(); });
      const dec = decodePayload(c.payload);
      results.push({
        name: `sharded-${mode}/${n}`,
        description: `ShardedRedisAdapter (subscriptionMode=${mode}) with uid forced to 'emitter': io.${call}`,
        channel: c.channel.toString("utf8"),
        payload_hex: c.payload.toString("hex"),
        command: c.command,
        format: dec.format,
        decoded: dec.decoded,
        meta: Object.assign({ subscriptionMode: mode }, meta),
      });
    }
    // io.close() needs an attached engine; just unsubscribe the adapters.
    for (const n of io._nsps.values()) await n.adapter.close();
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all([pub.quit(), sub.quit()]).catch(() => {});
  console.log(`${results.length} sharded-format vectors`);
  return results;
}

// Same idea for @socket.io/redis-streams-adapter 0.3.1: drive the official
// adapter with uid forced to "emitter" and capture the XADD (or, for ephemeral
// messages, the PUBLISH) it issues.
async function genStreams(cap, settle) {
  const { Server } = require("socket.io");
  const { createAdapter } = require("@socket.io/redis-streams-adapter");
  const version = require("@socket.io/redis-streams-adapter/package.json").version;
  const client = createClient({ url: `redis://127.0.0.1:${REDIS_PORT}` });
  await client.connect();
  const io = new Server({ adapter: createAdapter(client) });
  for (const n of [io.of("/"), io.of("/admin")]) n.adapter.uid = "emitter";
  await new Promise((r) => setTimeout(r, 300));
  const E = (o) => Object.assign({ kind: "emit", prefix: "socket.io", nsp: "/", rooms: [], except: [], flags: {} }, o);
  const R = (o) => Object.assign({ prefix: "socket.io", nsp: "/", rooms: [], except: [] }, o);
  const S = [
    ["emit_all", "emit('hello', 'world')", () => io.emit("hello", "world"), E({ event: "hello", args: ["world"] })],
    ["to_one_room_except", "to('room1').except('room2').emit('ev', 1)", () => io.to("room1").except("room2").emit("ev", 1), E({ rooms: ["room1"], except: ["room2"], event: "ev", args: [1] })],
    ["volatile_compress", "volatile.compress(false).emit('ev', 'v')", () => io.volatile.compress(false).emit("ev", "v"), E({ flags: { volatile: true, compress: false }, event: "ev", args: ["v"] })],
    ["of_admin", "of('/admin').emit('ev', {a: 1})", () => io.of("/admin").emit("ev", { a: 1 }), E({ nsp: "/admin", event: "ev", args: [{ a: 1 }] })],
    ["binary", "emit('ev', Buffer<010203>, 1)", () => io.emit("ev", BIN3, 1), E({ event: "ev", args: tag([BIN3, 1]) })],
    ["sockets_join", "socketsJoin('room3')", () => io.socketsJoin("room3"), R({ kind: "socketsJoin", target: ["room3"] })],
    ["sockets_leave", "in('room1').socketsLeave('room1')", () => io.in("room1").socketsLeave("room1"), R({ kind: "socketsLeave", rooms: ["room1"], target: ["room1"] })],
    ["disconnect_sockets", "in('room2').disconnectSockets(true)", () => io.in("room2").disconnectSockets(true), R({ kind: "disconnectSockets", rooms: ["room2"], close: true })],
    ["server_side_emit", "serverSideEmit('hello', 'world', 1)", () => io.serverSideEmit("hello", "world", 1), R({ kind: "serverSideEmit", event: "hello", args: ["world", 1] })],
  ];
  const results = [];
  for (const [n, call, fn, meta] of S) {
    const c = await captureOne(cap, async () => { fn(); await settle(); });
    const v = {
      name: `streams/${n}`,
      description: `@socket.io/redis-streams-adapter ${version} with uid forced to 'emitter': io.${call}`,
      command: c.command,
      channel: c.channel.toString("utf8"),
    };
    if (c.command === "XADD") {
      v.xadd_args = c.args.map((b) => b.toString("utf8"));
      const i = v.xadd_args.indexOf("*");
      const fields = {};
      for (let k = i + 1; k < v.xadd_args.length; k += 2) fields[v.xadd_args[k]] = v.xadd_args[k + 1];
      v.fields = fields;
      if (fields.data && !fields.data.startsWith("{")) {
        const { decode } = require("@msgpack/msgpack");
        v.data_decoded = decodeMsgpackJs(decode(Buffer.from(fields.data, "base64")));
        v.data_format = "base64(msgpack via @msgpack/msgpack)";
      } else if (fields.data) {
        v.data_decoded = JSON.parse(fields.data);
        v.data_format = "json";
      }
    } else {
      const { decode } = require("@msgpack/msgpack");
      v.payload_hex = c.payload.toString("hex");
      v.format = "msgpack (@msgpack/msgpack)";
      v.decoded = decodeMsgpackJs(decode(c.payload));
    }
    v.meta = meta;
    results.push(v);
  }
  for (const n of io._nsps.values()) await n.adapter.close();
  await new Promise((r) => setTimeout(r, 200));
  await client.quit().catch(() => {});
  console.log(`${results.length} streams-format vectors`);
  return results;
}

// @msgpack/msgpack decodes bin as Uint8Array; make it JSON friendly.
function decodeMsgpackJs(v) {
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v).toString("hex") };
  if (Array.isArray(v)) return v.map(decodeMsgpackJs);
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = decodeMsgpackJs(v[k]);
    return o;
  }
  return v;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
