// The Node half of SocketIO\SessionRooms: a Socket.IO 4 middleware that puts
// each socket in the rooms the PHP app chose for its session.
//
//   const { sessionRooms } = require("./session-rooms");
//   io.use(sessionRooms({ secret: process.env.SESSION_SECRET, redis: pubClient, cookie: "PHPSESSID" }));
//
// PHP owns the session, so PHP decides the rooms: on login it calls
// $sessionRooms->join(session_id(), ['team:1']). That stores the rooms in Redis
// (for sockets that connect later, read here) and sends a REMOTE_JOIN to the
// session's room (for sockets already connected). This middleware only has to
// put the socket in the session's room and in the stored rooms.
//
// Neither the room name nor the Redis key contains the raw session id: room
// lists are shown by tools such as the Socket.IO admin UI, and a session id
// there is a login. Both use a keyed hash that PHP and Node compute alike:
//   hash = first 32 hex chars of HMAC-SHA256(key = secret, message = session id)
//   room = "session:" + hash       key = prefix + "-session-rooms:" + hash
//
// Live join/leave reach the namespace of the Emitter SessionRooms was built on
// ("/" by default); use the middleware on other namespaces only with a
// SessionRooms built on $emitter->of('/that-namespace'), or they get the
// stored rooms at connect time only.
"use strict";
const crypto = require("crypto");

const MIN_SECRET_BYTES = 16; // same rule as the PHP side

function toBytes(value) {
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8");
}

function sessionHash(secret, sessionId) {
  return crypto.createHmac("sha256", toBytes(secret)).update(toBytes(sessionId)).digest("hex").slice(0, 32);
}

/** The room of a session, identical to PHP's SessionRooms::roomOf(). Strings are taken as UTF-8; Buffers as bytes. */
function roomOf(secret, sessionId) {
  return "session:" + sessionHash(secret, sessionId);
}

/** The Redis SET holding the rooms PHP stored for a session. */
function storeKeyOf(secret, sessionId, prefix = "socket.io") {
  return `${prefix}-session-rooms:${sessionHash(secret, sessionId)}`;
}

/** The value of cookie `name` in a Cookie header, URL-decoded, or undefined. */
function readCookie(header, name) {
  for (const part of String(header || "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // malformed %-escape: use it as sent (it then matches no session)
    }
  }
  return undefined;
}

/**
 * sessionRooms({ secret, redis, cookie = "ci_session", prefix = "socket.io" }) → (socket, next) => …
 *   secret  the same secret as PHP's (option 'secret' or ini socketio_emitter.session_secret), >= 16 bytes
 *   redis   a connected node-redis v4 client (not the adapter's subscriber)
 *   cookie  session cookie name: "ci_session" (CodeIgniter), "PHPSESSID" (plain PHP, Yii's default), ...
 *   cookie  false: only `auth.sessionId` (Laravel: its session cookie is encrypted)
 *   prefix  the emitter's prefix (the adapter's `key`), used for the stored-rooms key
 *   optional  true: a socket without a session id connects with no rooms (guests'
 *           pages, e.g. Laravel Echo's public channels); default false
 * The session id comes from that cookie or, for pages on another site, from
 * `auth.sessionId` in the handshake. No session id → the connection is refused
 * (unless optional).
 */
function sessionRooms({ secret, redis, cookie = "ci_session", prefix = "socket.io", optional = false } = {}) {
  if (secret === undefined || toBytes(secret).length < MIN_SECRET_BYTES) {
    throw new Error(`sessionRooms: the secret must be at least ${MIN_SECRET_BYTES} bytes (the one PHP uses)`);
  }
  if (!redis) throw new Error("sessionRooms: a node-redis v4 client is required");

  return async (socket, next) => {
    const { headers = {}, auth = {} } = socket.handshake;
    const sessionId = (cookie !== false && readCookie(headers.cookie, cookie)) || (typeof auth.sessionId === "string" ? auth.sessionId : "");
    if (!sessionId) return optional ? next() : next(new Error("unauthorized"));
    try {
      // Join the session's room first: a join()/leave() PHP makes from now on
      // reaches this socket live, so the window in which the stored set and
      // the live rooms can disagree is as short as one SMEMBERS.
      socket.join(roomOf(secret, sessionId));
      const rooms = await redis.sMembers(storeKeyOf(secret, sessionId, prefix));
      if (rooms.length) socket.join(rooms);
      socket.data.sessionRoom = roomOf(secret, sessionId); // handy for logs; never the raw id
      next();
    } catch (err) {
      next(new Error("session rooms unavailable")); // Redis down: refuse rather than connect with no rooms
    }
  };
}

module.exports = { sessionRooms, roomOf, storeKeyOf, readCookie };
