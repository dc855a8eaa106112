// A Socket.IO 4 server for Laravel Echo: the Redis adapter (events from PHP's
// SocketIO\Emitter / the SocketIoBroadcaster) plus echo.js (Echo's subscribe,
// unsubscribe, presence and whispers). Run as many as you like behind a load
// balancer: presence members and whispers go through Redis.
//
//   REDIS_URL=redis://127.0.0.1:6379 AUTH_HOST=http://127.0.0.1:8000 PORT=6001 node echo-server.js
//
// Environment: PORT (6001), HOST (127.0.0.1), REDIS_URL (redis://127.0.0.1:6379),
// AUTH_HOST (the Laravel app's base URL, required for private/presence
// channels), AUTH_ENDPOINT (/broadcasting/auth), PREFIX (the adapter's key =
// the emitter's prefix, socket.io), CORS_ORIGIN (comma-separated page origins;
// credentials allowed so the polling requests carry Laravel's cookies), QUIET=1,
// SESSION_SECRET (optional: the connection's session_secret; sockets whose page
// passes auth.sessionId join that session's room, so logout closes them).
"use strict";
const { createServer } = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");
const { attachEcho } = require("./echo");
const { sessionRooms } = require("./session-rooms");

const log = (...args) => process.env.QUIET || console.log(...args);

async function main() {
  const pubClient = createClient({ url: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
  const subClient = pubClient.duplicate();
  for (const client of [pubClient, subClient]) client.on("error", (err) => console.error("redis:", err.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const origins = (process.env.CORS_ORIGIN || "").split(",").filter(Boolean);
  const httpServer = createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(pubClient, subClient, { key: process.env.PREFIX || "socket.io" }),
    cors: origins.length ? { origin: origins, credentials: true } : undefined,
  });
  if (process.env.SESSION_SECRET) {
    // Laravel's session cookie is encrypted: only auth.sessionId (the broadcaster's
    // realtimeId()) counts, and guests connect with no session room.
    io.use(sessionRooms({ secret: process.env.SESSION_SECRET, redis: pubClient, cookie: false, optional: true, prefix: process.env.PREFIX || "socket.io" }));
  }
  if (!process.env.AUTH_HOST) console.error("AUTH_HOST is not set: private and presence channels will be refused");
  attachEcho(io, {
    authHost: process.env.AUTH_HOST,
    authEndpoint: process.env.AUTH_ENDPOINT || "/broadcasting/auth",
    redis: pubClient, // a normal client; the subscriber one cannot run HSET
    log,
  });
  io.on("connection", (socket) => {
    log(`connected ${socket.id}`);
    socket.on("disconnect", (reason) => log(`disconnected ${socket.id}: ${reason}`));
  });

  const port = Number(process.env.PORT || 6001);
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
