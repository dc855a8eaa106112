"use strict";
// A socket.io 4.8 server on the Redis adapter for check.js's sample: every
// client joins the room "sample". Prints "READY <port>", then "JOINED" per client.
// Runs in its own process so that a payload that crashes the adapter shows as
// this process exiting.
const path = require("path");
const http = require("http");
const E2E = path.join(__dirname, "..", "e2e", "node_modules");
const { Server } = require(path.join(E2E, "socket.io"));
const { createAdapter } = require(path.join(E2E, "@socket.io/redis-adapter"));
const { createClient } = require(path.join(E2E, "redis"));

(async () => {
  const pub = createClient({ url: `redis://127.0.0.1:${process.argv[2]}` });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (e) => console.error(`redis error: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pub, sub), maxHttpBufferSize: 1e8 });
  io.on("connection", (socket) => { socket.join("sample"); console.log("JOINED"); });
  httpServer.listen(0, "127.0.0.1", () => console.log(`READY ${httpServer.address().port}`));
})().catch((e) => { console.error(e.stack); process.exit(1); });
