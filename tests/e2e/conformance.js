"use strict";
// Conformance through Redis: run the PHP call described by every broadcast
// golden vector (conformance.php) and compare what actually reaches Redis,
// captured by a raw PSUBSCRIBE * subscriber in buffer mode, with the bytes the
// official Node emitter (@socket.io/redis-emitter 5.1.0) published.
//
//   node conformance.js [-v]
//
// Env: SOCKETIO_EXT (path of the .so), REDIS_PORT (use this Redis instead of
// starting one), GOLDEN_VECTORS (path of golden-vectors.json).
//
// Per vector we require: exactly one message between its markers, the exact
// channel, a payload that notepack.io (the adapter's decoder) decodes to a
// value deep-equal to "decoded", and byte identity -- with the golden bytes,
// or, for the few documented cases where PHP deliberately differs from Node,
// with the bytes we are supposed to send instead (built below from the golden
// bytes by an explicit substitution, so the difference is exactly the
// documented one and nothing else).

const fs = require("fs");
const path = require("path");
const notepack = require("notepack.io");
const { createClient } = require("redis");
const L = require("./lib");

const VECTORS_FILE = process.env.GOLDEN_VECTORS || path.join(__dirname, "..", "golden", "golden-vectors.json");
const MARKER_CHANNEL = "conformance-marker";

// ---------------------------------------------------------------------------
// Documented differences between PHP and Node (protocol.md §1.4, §8).
const f64 = (x) => { const b = Buffer.alloc(9); b[0] = 0xcb; b.writeDoubleBE(x, 1); return b.toString("hex"); };
function substitute(hex, from, to, what) {
  if (hex.split(from).length !== 2) throw new Error(`${what}: substitution anchor ${from} not found exactly once`);
  return hex.replace(from, to);
}
const DIFFERENCES = {
  // JS cannot tell 1.0 from 1, so Node writes ints 01 02 fd; a PHP float is
  // always float64. Decodes to the same JS numbers.
  float_integral_values: {
    why: "PHP floats are float64 (cb...), Node writes ints; same JS numbers after decoding",
    hex: (h) => substitute(h, "a265760102fda36e7370", "a26576" + f64(1) + f64(2) + f64(-3) + "a36e7370", "float_integral_values"),
  },
  // notepack.io bug: integral doubles >= 2^64 are truncated to uint64. We send
  // the real doubles, so clients get 1e21 and MAX_VALUE instead of garbage.
  quirk_large_integral_double: {
    why: "we send correct float64 1e21 / DBL_MAX instead of notepack's truncated uint64",
    hex: (h) => substitute(h, "cf35c9adc5dea00000cf0000000000000000", f64(1e21) + f64(Number.MAX_VALUE), "quirk"),
    decoded: (d) => { d[1].data = ["ev", 1e21, 1.7976931348623157e308]; return d; },
  },
  // Node sends a msgpack timestamp (ext -1); we send what the browser gets
  // from Date.toJSON(): the ISO string (works with every adapter version).
  date_value: {
    why: "DateTimeInterface is sent as the ISO string (Date.toJSON()), not a msgpack timestamp",
    hex: (h) => substitute(h, "d7ffa1a5d6005e0d5da5", notepack.encode("2020-01-02T03:04:05.678Z").toString("hex"), "date_value"),
    decoded: (d) => { d[1].data = ["ev", "2020-01-02T03:04:05.678Z"]; return d; },
  },
  // (object)['1'=>'a','0'=>'b'] keeps PHP insertion order ("1" then "0");
  // JS objects always list integer-like keys ascending. Same JS object.
  numeric_string_keys: {
    why: "map keys in PHP insertion order ('1','0'); JS reorders integer-like keys, same object",
    hex: (h) => substitute(h, "82a130a162a131a161", "82a131a161a130a162", "numeric_string_keys"),
  },
};

// Derived cases (conformance.php "derived_*"): PHP-only ways of writing a
// call that must give exactly the bytes we send for an existing vector.
const DERIVED = {
  derived_int_room: "room_numeric_string", // int room -> decimal string
  derived_rooms_array_with_duplicate: "to_same_room_twice", // rooms are an ordered set
  derived_datetime_other_timezone: "date_value", // converted to UTC
  derived_json_serializable: "of_admin_emit", // jsonSerialize() result
  derived_modifier_order_irrelevant_for_rooms: "room_volatile_compress_false",
  derived_dsn_string_constructor: "emit_all_string", // new Emitter('redis://...')
  derived_host_port_constructor: "emit_all_string", // new Emitter(['host'=>..., 'port'=>...])
  derived_ini_prefix: "custom_prefix_emit", // php.ini socketio_emitter.prefix
};
// Cases that need their own PHP process with extra ini settings.
const INI = {
  derived_ini_prefix: { "socketio_emitter.prefix": "myprefix" },
};

// ---------------------------------------------------------------------------
function hexDiff(expected, actual) {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 12);
  const ctx = (b) => b.subarray(from, i + 24).toString("hex");
  return `lengths expected ${expected.length} / actual ${actual.length}, first difference at byte ${i}; ` +
    `expected[${from}..]=${ctx(expected)} actual[${from}..]=${ctx(actual)}`;
}
function fullHex(b) { return b.length <= 400 ? b.toString("hex") : b.toString("hex").slice(0, 800) + `...(${b.length} bytes)`; }

async function main() {
  const rep = L.reporter();
  let redis = null, sub = null, raw = null;
  L.watchdog(180000);
  try {
    const vectors = JSON.parse(fs.readFileSync(VECTORS_FILE, "utf8"));
    const byName = new Map(vectors.map((v) => [v.name, v]));
    if (!fs.existsSync(L.EXT)) throw new Error(`extension not found: ${L.EXT} (build it or set SOCKETIO_EXT)`);

    redis = await L.startRedis();
    console.log(`conformance: extension ${L.EXT}, Redis 127.0.0.1:${redis.port}${redis.owned ? " (private)" : ""}`);

    // Raw capture: PSUBSCRIBE * in buffer mode, nothing is re-encoded.
    const captured = []; // {channel: Buffer, payload: Buffer}
    sub = createClient({ url: `redis://${L.HOST}:${redis.port}`, name: "conformance-capture" });
    raw = sub.duplicate({ name: "conformance-sync" });
    sub.on("error", (e) => console.error("capture client error:", e.message));
    raw.on("error", (e) => console.error("sync client error:", e.message));
    await Promise.all([sub.connect(), raw.connect()]);
    await sub.pSubscribe("*", (payload, channel) => captured.push({ channel, payload }), true);

    // What is run and what is skipped.
    const emitVectors = vectors.filter((v) => v.meta && v.meta.kind === "emit");
    // socketsJoin/socketsLeave/disconnectSockets/serverSideEmit: JSON on the request channel.
    const requestVectors = vectors.filter((v) => v.meta && v.meta.kind !== "emit");
    const names = [...emitVectors.map((v) => v.name), ...requestVectors.map((v) => v.name), ...Object.keys(DERIVED)];

    // Run conformance.php over a list of names. If PHP dies (fatal error,
    // segfault, timeout) the first name without a result is blamed, and a
    // fresh PHP process continues with the rest -- bounded by the list size.
    const results = new Map(); // name -> {ret} | {error}
    const runGroup = async (list, ini) => {
      let todo = list.slice();
      for (let attempt = 0; todo.length && attempt <= list.length; attempt++) {
        const r = await L.runPhp(path.join(__dirname, "conformance.php"), todo, { port: redis.port, timeoutMs: 60000, ini });
        const recs = L.phpRecords(r.stdout);
        for (const rec of recs) if (rec.name) results.set(rec.name, rec);
        if (!recs.some((rec) => rec.start)) {
          // PHP did not even get to the first case (extension not loadable...).
          for (const n of todo) results.set(n, { name: n, error: `conformance.php did not start: ${L.describePhpFailure(r)}` });
          return;
        }
        const rest = todo.filter((n) => !results.has(n));
        if (rest.length) {
          results.set(rest[0], { name: rest[0], error: `PHP process died during this case: ${L.describePhpFailure(r)}` });
        } else if (r.code !== 0 || r.stderr.trim()) {
          rep.info(`conformance.php: ${L.describePhpFailure(r)}`);
        }
        todo = rest.filter((n) => !results.has(n));
      }
    };
    await runGroup(names.filter((n) => !INI[n]), {});
    for (const [n, ini] of Object.entries(INI)) await runGroup([n], ini);

    // Everything PHP published is already in Redis' output buffers; our own
    // sync marker goes after it, so once we see it the capture is complete.
    await raw.publish(MARKER_CHANNEL, "sync");
    const synced = await L.waitUntil(() => captured.some((c) => c.channel.toString() === MARKER_CHANNEL && c.payload.toString() === "sync"), 10000);
    if (!synced) throw new Error("capture did not receive the sync marker within 10 s");

    // Attribute captured messages to cases using the markers.
    const segments = new Map(names.map((n) => [n, []]));
    const stray = [];
    let current = null;
    for (const c of captured) {
      if (c.channel.toString() === MARKER_CHANNEL) {
        const m = c.payload.toString();
        current = m.startsWith("begin:") ? m.slice(6) : null;
        continue;
      }
      if (current && segments.has(current)) segments.get(current).push(c);
      else stray.push(c);
    }

    // With a private Redis our capture client is the only subscriber.
    const checkRet = (ret, kind) => {
      // socketsJoin/socketsLeave/disconnectSockets return void.
      if (kind && kind !== "emit" && kind !== "serverSideEmit") return ret === null ? [] : [`returned ${JSON.stringify(ret)}, expected void (null)`];
      if (!Number.isInteger(ret)) return [`emit() returned ${JSON.stringify(ret)}, expected an int`];
      if (redis.owned && ret !== 1) return [`emit() returned ${ret}, expected 1 (the capture client is the only subscriber)`];
      if (ret < 1) return [`emit() returned ${ret}, expected >= 1`];
      return [];
    };

    // What we must send for a golden vector: {channel, hex, decoded, why}.
    const ours = (v) => {
      const d = DIFFERENCES[v.name];
      return {
        channel: v.channel,
        json: v.format === "json",
        hex: d ? d.hex(v.payload_hex) : v.payload_hex,
        decoded: d && d.decoded ? d.decoded(JSON.parse(JSON.stringify(v.decoded))) : v.decoded,
        why: d ? d.why : null,
      };
    };

    const check = (name, exp, kind) => {
      const f = [];
      const res = results.get(name);
      if (!res) return [`no result from conformance.php`];
      if (res.error) return [`PHP: ${res.error}`];
      f.push(...checkRet(res.ret, kind));
      const msgs = segments.get(name);
      if (msgs.length !== 1) {
        f.push(`expected exactly 1 published message, captured ${msgs.length}` +
          msgs.map((m) => `\n         ${m.channel.toString()} ${fullHex(m.payload)}`).join(""));
        if (msgs.length === 0) return f;
      }
      const { channel, payload } = msgs[0];
      if (!channel.equals(Buffer.from(exp.channel, "utf8"))) f.push(`channel ${JSON.stringify(channel.toString())} != ${JSON.stringify(exp.channel)}`);
      let decoded;
      try {
        decoded = exp.json ? JSON.parse(payload.toString("utf8")) : L.norm(notepack.decode(payload), { digest: false });
      } catch (e) {
        f.push(exp.json
          ? `request payload is not JSON (${e.message}): ${fullHex(payload)}`
          : `payload does not decode with notepack.io (${e.message}) -- this would crash adapter 8.3.0: ${fullHex(payload)}`);
      }
      if (decoded !== undefined && !L.deepEqual(decoded, exp.decoded)) {
        f.push(`decoded ${L.short(decoded, 300)}\n         != expected ${L.short(exp.decoded, 300)}`);
      }
      const want = Buffer.from(exp.hex, "hex");
      if (!payload.equals(want)) f.push(`bytes differ: ${hexDiff(want, payload)}\n         expected ${fullHex(want)}\n         actual   ${fullHex(payload)}`);
      return f;
    };

    console.log(`-- golden broadcast vectors (${emitVectors.length})`);
    for (const v of emitVectors) {
      const exp = ours(v);
      const failures = check(v.name, exp);
      let note = "";
      if (!failures.length) note = exp.why ? `differs from golden bytes as documented: ${exp.why}` : "byte-identical to golden";
      rep.check(v.name, failures, note);
    }
    console.log(`-- golden request vectors (${requestVectors.length}): socketsJoin/socketsLeave/disconnectSockets/serverSideEmit`);
    for (const v of requestVectors) {
      const failures = check(v.name, ours(v), v.meta.kind);
      rep.check(v.name, failures, failures.length ? "" : "byte-identical to golden");
    }
    console.log(`-- derived PHP-only spellings (${Object.keys(DERIVED).length})`);
    for (const [name, base] of Object.entries(DERIVED)) {
      rep.check(name, check(name, ours(byName.get(base))), `same bytes as ${base}`);
    }
    rep.check("no message outside a case", stray.map((s) => `stray ${s.channel.toString()} ${fullHex(s.payload)}`));

  } catch (e) {
    console.error(`conformance: ${process.env.VERBOSE || process.argv.includes("-v") ? e.stack : e.message}`);
    rep.failed++;
  } finally {
    for (const c of [sub, raw]) if (c) { try { await c.disconnect(); } catch (e) { /* ignore */ } }
    if (redis) await redis.stop();
  }
  process.exit(rep.finish());
}

main();
