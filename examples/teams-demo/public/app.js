// The page's live part: one Socket.IO connection to the Node server, which put
// it in the rooms PHP chose for this session; posts arrive as "post" events.
// Everything the test reads is on window.demo.
"use strict";
(() => {
  const cfg = JSON.parse(document.getElementById("config").textContent);
  const $ = (sel) => document.querySelector(sel);
  const status = $("#status");
  const setStatus = (text, cls) => {
    status.textContent = text;
    status.className = cls || "";
  };
  const demo = (window.demo = { posts: [], notices: [], connects: 0, disconnectReason: null, connectError: null });

  // withCredentials: the Node server is another origin (another port), and the
  // polling requests must carry the session cookie; WebSocket handshakes always do.
  const socket = (demo.socket = io(cfg.socketUrl, {
    withCredentials: true,
    auth: cfg.sessionId ? { sessionId: cfg.sessionId } : {},
  }));
  socket.on("connect", () => {
    demo.connects += 1;
    setStatus("connected", "connected");
  });
  socket.on("connect_error", (err) => {
    demo.connectError = err.message;
    setStatus(`cannot connect: ${err.message}`, "closed");
  });
  // "io server disconnect" = the server closed it (logout with disconnect);
  // socket.io does not reconnect after that.
  socket.on("disconnect", (reason) => {
    demo.disconnectReason = reason;
    setStatus(`disconnected: ${reason}`, "closed");
  });

  const list = $("#posts");
  const add = (node) => list.insertBefore(node, list.firstChild);
  socket.on("post", (post) => {
    demo.posts.push(post);
    const li = document.createElement("li");
    li.dataset.id = post.id;
    li.innerHTML = '<span class="team"></span> <b></b>: <span class="text"></span>';
    li.querySelector(".team").textContent = post.team ? `team ${post.team}` : "admins";
    li.querySelector("b").textContent = post.author;
    li.querySelector(".text").textContent = post.text;
    add(li);
  });
  socket.on("notice", (text) => {
    demo.notices.push(text);
    const li = document.createElement("li");
    li.className = "notice";
    li.textContent = text;
    add(li);
  });

  const send = async (path, body) => {
    const res = await fetch(path, { method: "POST", body, headers: { "X-CSRF-Token": cfg.csrf || "" } });
    return { status: res.status, body: await res.json() };
  };
  demo.send = send;

  $("#post-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    demo.lastPost = await send("/post", new FormData(form));
    if (demo.lastPost.status === 200) form.reset();
  });
  for (const button of document.querySelectorAll(".team-action")) {
    button.addEventListener("click", async () => {
      const body = new FormData();
      for (const k of ["action", "user", "team"]) body.set(k, button.dataset[k]);
      demo.lastAction = await send("/team", body);
    });
  }
  // No navigation on logout: the page stays to show that the server closed its socket.
  $("#logout").addEventListener("click", async () => {
    demo.loggedOut = await send("/logout", new FormData());
    const p = document.createElement("p");
    p.innerHTML = 'Logged out. <a href="/">Log in again</a>';
    $("#logout").replaceWith(p);
  });
})();
