// Measurement 1, competitor (d): the official @socket.io/redis-emitter 5.1.0 on
// node-redis 4.7.1, awaiting each emit's PUBLISH reply before the next emit.
// node seq.js <port> <rooms 1|10> <seconds> <max emits> <payload JSON>
"use strict";
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");

async function main() {
  const [port, nrooms, seconds, max, json] = process.argv.slice(2);
  const payload = JSON.parse(json);
  const rooms = Number(nrooms) === 1 ? "room1" : Array.from({ length: Number(nrooms) }, (_, i) => `room${i + 1}`);
  const client = createClient({ url: `redis://127.0.0.1:${port}` });
  client.on("error", (err) => { console.log(JSON.stringify({ error: String(err) })); process.exit(1); });
  await client.connect();
  // The emitter calls publish() and returns true without the promise: keep it to await it.
  let last = null;
  const proxy = { publish: (channel, msg) => (last = client.publish(channel, msg)) };
  const emitter = new Emitter(proxy);
  const once = async () => {
    emitter.to(rooms).emit("post", payload);
    const n = await last;
    if (typeof n !== "number") throw new Error(`unexpected PUBLISH reply ${n}`);
  };
  const timed = async (secs, maxN) => {
    let n = 0;
    const t0 = process.hrtime.bigint();
    const limit = t0 + BigInt(Math.round(secs * 1e9));
    let now;
    do {
      for (let i = 0; i < 64; i++) await once();
      n += 64;
      now = process.hrtime.bigint();
    } while (now < limit && n < maxN);
    return [n, Number(now - t0) / 1e9];
  };
  await timed(0.1 * Number(seconds), Math.floor(Number(max) / 10) + 64);
  const [n, secs] = await timed(Number(seconds), Number(max));
  console.log(JSON.stringify({ m: "seq", variant: "d", rooms: Number(nrooms), n, secs, rate: n / secs }));
  await client.quit();
}
main().catch((err) => { console.log(JSON.stringify({ error: String(err && err.stack || err) })); process.exit(1); });
