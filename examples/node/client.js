// A browser-side Socket.IO client (socket.io-client 4) that prints every event it receives.
//
//   node client.js http://127.0.0.1:3000 team:1 [more rooms...]
//
// Prints "connected" once joined, then one JSON line per event. Exits after
// EXPECT events (default: run until killed) or TIMEOUT_MS.
"use strict";
const { io } = require("socket.io-client");

const [url = "http://127.0.0.1:3000", ...rooms] = process.argv.slice(2);
const expect = Number(process.env.EXPECT || 0);
const socket = io(url, { auth: { rooms }, transports: ["websocket"] });
let received = 0;

socket.on("connect", () => console.log(`connected as ${socket.id}, rooms: ${rooms.join(", ") || "(none)"}`));
socket.onAny((event, ...args) => {
  const shown = args.map((a) => (Buffer.isBuffer(a) || a instanceof ArrayBuffer ? { binary: Buffer.from(a).toString("hex") } : a));
  console.log(JSON.stringify({ event, args: shown }));
  received += 1;
  if (expect && received >= expect) {
    socket.close();
    process.exit(0);
  }
});
setTimeout(() => {
  console.log(`timed out after ${received} event(s)`);
  process.exit(expect && received < expect ? 1 : 0);
}, Number(process.env.TIMEOUT_MS || 15000));
