// Conformance check before measuring: every PHP emitter in the benchmark and
// the official Node emitter must publish the same bytes on the same channel.
// node verify.js <port> <php command...>   (runs "<php command> <port>", see php/verify.php)
"use strict";
const { execFileSync } = require("child_process");
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");

async function main() {
  const [port, ...php] = process.argv.slice(2);
  const url = `redis://127.0.0.1:${port}`;
  const sub = createClient({ url });
  const pub = createClient({ url });
  await sub.connect();
  await pub.connect();
  const got = [];
  await sub.pSubscribe("socket.io#*", (msg, channel) => got.push([channel.toString("latin1"), Buffer.from(msg)]), true);
  const report = JSON.parse(execFileSync(php[0], [...php.slice(1), port], { encoding: "utf8", timeout: 20000 }));
  const emitter = new Emitter(pub);
  const cases = report.cases; // [{rooms: "room1" | [...]}] in the order PHP emitted them
  for (const c of cases) await pub.publish("socket.io#ignored", "sync"), emitter.to(c.rooms).emit("post", report.payload);
  await pub.ping();
  const expected = cases.length * (report.emitters.length + 1) + cases.length;
  const deadline = Date.now() + 5000;
  while (got.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const messages = got.filter(([ch]) => ch !== "socket.io#ignored");
  const per = report.emitters.length;
  const php_msgs = messages.slice(0, cases.length * per);
  const node_msgs = messages.slice(cases.length * per);
  const failures = [];
  if (node_msgs.length !== cases.length) failures.push(`expected ${cases.length} Node messages, got ${node_msgs.length}`);
  cases.forEach((c, i) => {
    const [nch, nbytes] = node_msgs[i] || ["", Buffer.alloc(0)];
    report.emitters.forEach((name, j) => {
      const m = php_msgs[i * per + j];
      if (!m) { failures.push(`${name} ${JSON.stringify(c.rooms)}: nothing received`); return; }
      if (m[0] !== nch) failures.push(`${name} ${JSON.stringify(c.rooms)}: channel ${m[0]} != ${nch}`);
      if (!m[1].equals(nbytes)) failures.push(`${name} ${JSON.stringify(c.rooms)}: bytes differ\n  php  ${m[1].toString("hex")}\n  node ${nbytes.toString("hex")}`);
    });
  });
  console.log(JSON.stringify({ m: "verify", emitters: report.emitters, cases: cases.length, ok: failures.length === 0, failures,
    bytes: node_msgs.map(([, b]) => b.length) }));
  await sub.quit();
  await pub.quit();
  process.exit(failures.length === 0 ? 0 : 1);
}
main().catch((err) => { console.log(JSON.stringify({ error: String(err && err.stack || err) })); process.exit(1); });
