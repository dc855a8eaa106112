// Laravel Echo's server side for a Socket.IO 4 server on the Redis adapter:
// the maintained replacement for laravel-echo-server (pinned to socket.io 2).
//
//   const { attachEcho } = require("./echo");
//   attachEcho(io, { authHost: "http://127.0.0.1:8000", redis: pubClient });
//
// What Laravel Echo's socket.io connector sends and expects (the same in laravel-echo
// 1.x and 2.x; tested with 2.5.0), handled as laravel-echo-server did:
// - `subscribe` {channel, auth: {headers}}: a public channel is joined at once;
//   `private-*` and `presence-*` are first authorised by POSTing
//   `channel_name=<channel>` to the Laravel app's broadcasting auth endpoint
//   with the socket's cookies and the page's auth headers (X-CSRF-TOKEN,
//   Authorization). 2xx joins; anything else emits `subscription_error`
//   (channel, status) to that socket and joins nothing.
// - `unsubscribe` {channel}: leaves the room.
// - presence channels: the members live in Redis (a hash per channel, field =
//   socket id), so every Socket.IO server on the adapter sees the same list.
//   The subscriber gets `presence:subscribed` (channel, members); the others
//   `presence:joining` (channel, member) when a user's first socket joins and
//   `presence:leaving` when their last one leaves or disconnects. Members of
//   sockets no server knows any more (a crashed server) are dropped on the
//   next subscribe.
// - `client event` {channel, event: "client-…", data} (Echo's whisper): relayed
//   as (channel, data) to the channel's other sockets, only from a socket that
//   is in that private/presence channel.
// Events from PHP (the SocketIoBroadcaster) need nothing here: the emitter
// publishes (channel, payload) to the room named after the channel.
//
// Public channels: any name a page asks for is joined, as in Pusher and
// laravel-echo-server, EXCEPT names with a ':' (by default): those are the
// rooms the PHP app manages itself (SessionRooms' "session:<hash>", "team:1"),
// which a page must never be able to join by asking. Change the rule with the
// option isPublic(channel) → boolean.
//
// Options: authHost (required for private/presence: the Laravel app's base
// URL), authEndpoint ("/broadcasting/auth"), isPublic (see above), redis (a connected node-redis 4
// client, not the adapter's subscriber; required for presence), keyPrefix
// ("laravel-echo:presence:"), authTimeoutMs (5000), log (function, default
// none), fetch (default the global fetch; tests may pass their own).
"use strict";

const DEFAULTS = {
  authEndpoint: "/broadcasting/auth",
  keyPrefix: "laravel-echo:presence:",
  authTimeoutMs: 5000,
};

const isPresence = (channel) => channel.startsWith("presence-");
const isPrivate = (channel) => channel.startsWith("private-") || isPresence(channel);
const defaultIsPublic = (channel) => !channel.includes(":");
const channelOf = (data) => (data && typeof data.channel === "string" && data.channel !== "" ? data.channel : null);

function attachEcho(io, options = {}) {
  const opts = { ...DEFAULTS, isPublic: defaultIsPublic, ...options };
  const log = typeof opts.log === "function" ? opts.log : () => {};
  const doFetch = opts.fetch || globalThis.fetch;
  const nsp = typeof io.of === "function" ? io.of("/") : io;

  // The Laravel app decides, as with every Laravel broadcaster. Resolves to
  // {ok, status, body}; never throws (an unreachable app is a refusal).
  async function authorise(socket, channel, auth) {
    if (!opts.authHost) return { ok: false, status: 0, body: null, why: "no authHost configured" };
    const headers = {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      "X-Requested-With": "XMLHttpRequest",
      "X-Socket-ID": socket.id,
    };
    // Only the page's string headers (CSRF token, bearer token); never let a
    // page override the socket's own cookies.
    const pageHeaders = auth && typeof auth === "object" && auth.headers && typeof auth.headers === "object" ? auth.headers : {};
    for (const [name, value] of Object.entries(pageHeaders)) {
      if (typeof value === "string" && name.toLowerCase() !== "cookie" && name.toLowerCase() !== "host") headers[name] = value;
    }
    const cookie = socket.handshake.headers.cookie;
    if (cookie) headers.Cookie = cookie;
    const url = opts.authHost.replace(/\/+$/, "") + opts.authEndpoint;
    try {
      const res = await doFetch(url, {
        method: "POST",
        headers,
        body: new URLSearchParams({ channel_name: channel }).toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(opts.authTimeoutMs),
      });
      const text = await res.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON: fine for a private channel */
      }
      return { ok: res.status >= 200 && res.status < 300, status: res.status, body };
    } catch (err) {
      return { ok: false, status: 0, body: null, why: err.message };
    }
  }

  // Laravel answers presence auth with channel_data {user_id, user_info}, as an
  // object (our broadcaster, RedisBroadcaster) or a JSON string (Pusher style).
  function memberOf(body) {
    let data = body && body.channel_data;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch {
        data = null;
      }
    }
    if (!data || typeof data !== "object" || data.user_id === undefined || data.user_id === null) return null;
    return { user_id: data.user_id, user_info: data.user_info === undefined ? null : data.user_info };
  }

  const key = (channel) => opts.keyPrefix + channel;

  // Every socket's member entry, minus those of sockets no server has any more.
  async function members(channel) {
    const entries = await opts.redis.hGetAll(key(channel));
    const alive = new Set((await nsp.in(channel).fetchSockets()).map((s) => s.id));
    const stale = Object.keys(entries).filter((id) => !alive.has(id));
    if (stale.length) await opts.redis.hDel(key(channel), stale);
    return Object.entries(entries)
      .filter(([id]) => alive.has(id))
      .map(([, json]) => JSON.parse(json));
  }

  // One entry per user, however many tabs they have open.
  const unique = (list) => {
    const seen = new Map();
    for (const m of list) if (!seen.has(String(m.user_id))) seen.set(String(m.user_id), m);
    return [...seen.values()];
  };

  async function presenceJoin(socket, channel, member) {
    if (!opts.redis) throw new Error("attachEcho: presence channels need options.redis");
    await opts.redis.hSet(key(channel), socket.id, JSON.stringify(member));
    const list = await members(channel);
    socket.emit("presence:subscribed", channel, unique(list));
    const others = list.filter((m) => String(m.user_id) === String(member.user_id)).length;
    if (others === 1) socket.to(channel).emit("presence:joining", channel, member);
  }

  async function presenceLeave(socket, channel) {
    if (!opts.redis) return;
    const json = await opts.redis.hGet(key(channel), socket.id);
    if (!json) return;
    await opts.redis.hDel(key(channel), socket.id);
    const member = JSON.parse(json);
    const list = await members(channel);
    if (!list.some((m) => String(m.user_id) === String(member.user_id))) {
      nsp.to(channel).emit("presence:leaving", channel, member);
    }
  }

  nsp.on("connection", (socket) => {
    socket.on("subscribe", async (data) => {
      const channel = channelOf(data);
      if (!channel) return;
      try {
        if (!isPrivate(channel)) {
          if (opts.isPublic(channel)) socket.join(channel);
          else socket.emit("subscription_error", channel, 403);
          return;
        }
        const res = await authorise(socket, channel, data.auth);
        if (!socket.connected) return;
        if (!res.ok) {
          log(`echo: ${socket.id} refused ${channel}: HTTP ${res.status}${res.why ? ` (${res.why})` : ""}`);
          socket.emit("subscription_error", channel, res.status);
          return;
        }
        socket.join(channel);
        if (isPresence(channel)) {
          const member = memberOf(res.body);
          if (!member) {
            log(`echo: ${channel}: the auth endpoint returned no channel_data.user_id`);
            socket.leave(channel);
            socket.emit("subscription_error", channel, res.status);
            return;
          }
          await presenceJoin(socket, channel, member);
        }
        log(`echo: ${socket.id} joined ${channel}`);
      } catch (err) {
        log(`echo: subscribe ${channel} failed: ${err.message}`);
      }
    });

    socket.on("unsubscribe", async (data) => {
      const channel = channelOf(data);
      if (!channel || !socket.rooms.has(channel)) return;
      socket.leave(channel);
      try {
        if (isPresence(channel)) await presenceLeave(socket, channel);
      } catch (err) {
        log(`echo: unsubscribe ${channel} failed: ${err.message}`);
      }
    });

    socket.on("client event", (data) => {
      const channel = channelOf(data);
      if (!channel || !isPrivate(channel) || !socket.rooms.has(channel)) return;
      if (typeof data.event !== "string" || !data.event.startsWith("client-")) return;
      socket.to(channel).emit(data.event, channel, data.data);
    });

    // `disconnecting`: the socket's rooms are still known here.
    socket.on("disconnecting", () => {
      const channels = [...socket.rooms].filter(isPresence);
      for (const channel of channels) {
        socket.leave(channel);
        presenceLeave(socket, channel).catch((err) => log(`echo: leaving ${channel} failed: ${err.message}`));
      }
    });
  });
}

module.exports = { attachEcho };
