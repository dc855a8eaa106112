// A Socket.IO 4 server that receives what PHP emits, through the Redis adapter.
//
//   REDIS_URL=redis://127.0.0.1:6379 PORT=3000 node server.js
//
// Each client says which rooms it wants in its handshake (`auth.rooms`); a real
// app decides that from the user's session instead (see SocketIO\SessionRooms).
"use strict";
const { createServer } = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

async function main() {
  const pubClient = createClient({ url: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const httpServer = createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
  const joinRequested = (socket) => {
    const rooms = socket.handshake.auth && socket.handshake.auth.rooms;
    if (Array.isArray(rooms)) socket.join(rooms.map(String));
  };
  io.on("connection", joinRequested);
  io.of("/admin").on("connection", joinRequested);

  const port = Number(process.env.PORT || 3000);
  httpServer.listen(port, "127.0.0.1", () => console.log(`listening on 127.0.0.1:${port}`));

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
