// A Socket.IO 4 server that receives what PHP emits, through the Redis adapter.
//
//   REDIS_URL=redis://127.0.0.1:6379 PORT=3000 node server.js
//
// Two ways for a socket to get its rooms:
// - SESSION_SECRET set (the real setup): the PHP app decides the rooms with
//   SocketIO\SessionRooms; the session-rooms middleware reads the session id
//   from the cookie SESSION_COOKIE (default PHPSESSID) or `auth.sessionId`,
//   and joins the session's room and the rooms PHP stored. No session → refused.
// - otherwise (examples/demo.sh, quick tests): each client names its rooms in
//   its handshake (`auth.rooms`). Never do that in production: anyone could
//   join any room.
//
// Other settings: HOST (default 127.0.0.1), PREFIX (the adapter's `key`,
// default socket.io), CORS_ORIGIN (comma-separated origins allowed to connect
// from a page on another origin, e.g. http://127.0.0.1:8080), QUIET=1.
"use strict";
const { createServer } = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");
const { sessionRooms } = require("./session-rooms");

const log = (...args) => process.env.QUIET || console.log(...args);

async function main() {
  const pubClient = createClient({ url: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
  const subClient = pubClient.duplicate();
  for (const client of [pubClient, subClient]) client.on("error", (err) => console.error("redis:", err.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const prefix = process.env.PREFIX || "socket.io";
  const origins = (process.env.CORS_ORIGIN || "").split(",").filter(Boolean);
  const httpServer = createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(pubClient, subClient, { key: prefix }),
    // A page served by PHP on another port is another origin: allow it by
    // name, with credentials so the polling requests carry the session cookie.
    cors: origins.length ? { origin: origins, credentials: true } : undefined,
  });
  const namespaces = [io.of("/"), io.of("/admin")];

  if (process.env.SESSION_SECRET) {
    const middleware = sessionRooms({
      secret: process.env.SESSION_SECRET,
      redis: pubClient, // a normal client; the subscriber one cannot run SMEMBERS
      cookie: process.env.SESSION_COOKIE || "PHPSESSID",
      prefix,
    });
    for (const nsp of namespaces) nsp.use(middleware);
  } else {
    const joinRequested = (socket) => {
      const rooms = socket.handshake.auth && socket.handshake.auth.rooms;
      if (Array.isArray(rooms)) socket.join(rooms.map(String));
    };
    for (const nsp of namespaces) nsp.on("connection", joinRequested);
  }

  for (const nsp of namespaces) {
    nsp.on("connection", (socket) => {
      log(`${nsp.name} connected ${socket.id} rooms=${JSON.stringify([...socket.rooms].filter((r) => r !== socket.id))}`);
      socket.on("disconnect", (reason) => log(`${nsp.name} disconnected ${socket.id}: ${reason}`));
    });
  }

  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "127.0.0.1";
  httpServer.listen(port, host, () => console.log(`listening on ${host}:${port}`));

  const stop = () => {
    io.close();
    Promise.allSettled([pubClient.quit(), subClient.quit()]).then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
