<?php
// The demo page: plain PHP (no Blade needed). ECHO_HOST = the Node server (echo-server.js).
$user = auth()->user();
$echoHost = env('ECHO_HOST', 'http://127.0.0.1:6001');
$h = static fn ($v) => htmlspecialchars((string) $v, ENT_QUOTES);
// With a session secret (SessionRooms), the id that examples/node/session-rooms.js
// reads from auth.sessionId: logout then closes this browser's sockets.
$sessionId = $user && config('broadcasting.connections.socketio.session_secret')
    ? App\Broadcasting\SocketIoBroadcaster::realtimeId(request())
    : null;
?><!doctype html>
<html>
<head>
  <meta charset="utf-8">
  <meta name="csrf-token" content="<?= $h(csrf_token()) ?>">
  <title>Laravel Echo + socketio_emitter</title>
  <style>body{font:14px sans-serif;margin:1em} li{margin:2px 0} .k{color:#555;font-weight:bold}</style>
</head>
<body>
<h1>Laravel Echo demo: <span id="me"><?= $user ? $h($user->name) . ' (team ' . $h($user->team_id) . ')' : 'guest' ?></span></h1>
<p>Online in <b>lobby</b>: <span id="members">…</span></p>
<ul id="log"></ul>
<!-- socket.io-client, served by the Socket.IO server itself; laravel-echo's IIFE build (copy
     node_modules/laravel-echo/dist/echo.iife.js to public/js/, or bundle it with Vite/Mix). -->
<script src="<?= $h($echoHost) ?>/socket.io/socket.io.js"></script>
<script src="/js/echo.iife.js"></script>
<script>
  const me = <?= json_encode($user ? ['id' => $user->id, 'name' => $user->name, 'team' => (int) $user->team_id] : null) ?>;
  window.events = [];
  const show = (kind, data) => {
    window.events.push({ kind, data });
    const li = document.createElement("li");
    li.innerHTML = `<span class="k">${kind}</span> `;
    li.appendChild(document.createTextNode(JSON.stringify(data)));
    document.getElementById("log").appendChild(li);
  };
  window.Echo = new Echo.default({
    broadcaster: "socket.io",
    // ?echo=URL: another Socket.IO server of the same cluster (the test uses two).
    host: new URLSearchParams(location.search).get("echo") || <?= json_encode($echoHost) ?>,
    client: io,
    auth: { headers: {}, sessionId: <?= json_encode($sessionId) ?> }, // Echo adds the CSRF header
    transports: ["websocket"], // the WebSocket handshake carries the Laravel cookies
  });
  const socket = window.Echo.connector.socket;
  socket.on("connect", () => show("connected", socket.id));
  socket.on("disconnect", (reason) => show("disconnected", reason));
  socket.on("subscription_error", (channel, status) => show("denied", { channel, status }));
  window.Echo.channel("news").listen(".announcement", (e) => show("news", e));
  if (me) {
    const members = new Map();
    const draw = () => (document.getElementById("members").textContent = [...members.values()].sort().join(", "));
    window.Echo.private("team." + me.team)
      .listen("PostCreated", (e) => show("post", e.post))
      .listenForWhisper("typing", (e) => show("whisper", e));
    window.Echo.join("lobby")
      .here((list) => { list.forEach((m) => members.set(m.id, m.name)); draw(); show("here", list.map((m) => m.name).sort()); })
      .joining((m) => { members.set(m.id, m.name); draw(); show("joining", m.name); })
      .leaving((m) => { members.delete(m.id); draw(); show("leaving", m.name); });
  }
  window.subscribePrivate = (name) =>
    window.Echo.private(name)
      .listen("PostCreated", (e) => show("post:" + name, e.post))
      .listen(".announcement", (e) => show("announcement:" + name, e));
  window.whisper = (data) => window.Echo.private("team." + me.team).whisper("typing", data);
  const token = document.querySelector('meta[name="csrf-token"]').content;
  window.post = (text) =>
    fetch("/posts", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": token, "X-Socket-ID": window.Echo.socketId() },
      body: JSON.stringify({ text }),
    }).then((r) => r.json());
</script>
</body>
</html>
