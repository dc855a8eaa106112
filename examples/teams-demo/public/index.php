<?php
// The teams demo: a plain-PHP app whose pages get live posts from a Socket.IO
// server (examples/node/server.js with SESSION_SECRET set). PHP owns the
// session, so PHP decides each session's rooms with SocketIO\SessionRooms;
// Node only applies them. Front controller for php-fpm, or router for:
//
//   php -d extension=libsocketio_emitter.so -d socketio_emitter.session_secret=… \
//       -S 127.0.0.1:8080 -t examples/teams-demo/public examples/teams-demo/public/index.php
//
// Environment: SOCKETIO_URL (the Node server, default http://127.0.0.1:3000),
// SESSION_SECRET (else ini socketio_emitter.session_secret), SESSION_COOKIE
// (default PHPSESSID, the Node server's SESSION_COOKIE), DEMO_DATA_DIR (where
// team changes are kept, default a temp dir).
declare(strict_types=1);

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
if (PHP_SAPI === 'cli-server' && $path !== '/' && is_file(__DIR__ . $path)) {
    return false; // app.js: let the built-in server send it
}

// --- the "database": users, their team, and each user's open sessions -------
const USERS = ['admin' => ['team' => 1, 'admin' => true], 'alice' => ['team' => 1, 'admin' => false], 'bob' => ['team' => 2, 'admin' => false]];

/** Reads and updates the demo's little JSON store under a lock. */
function store(?callable $change = null): array
{
    $dir = getenv('DEMO_DATA_DIR') ?: sys_get_temp_dir() . '/socketio-teams-demo';
    is_dir($dir) || mkdir($dir, 0700, true);
    $fh = fopen("$dir/store.json", 'c+');
    flock($fh, LOCK_EX);
    $data = json_decode(stream_get_contents($fh) ?: '', true)
        ?: ['teams' => array_map(fn ($u) => $u['team'], USERS), 'sessions' => []];
    if ($change) {
        $data = $change($data);
        ftruncate($fh, 0);
        rewind($fh);
        fwrite($fh, json_encode($data));
    }
    flock($fh, LOCK_UN);
    fclose($fh);
    return $data;
}

/** The rooms a user's sockets belong in: the room decisions live here, in PHP. */
function roomsFor(string $user): array
{
    $team = store()['teams'][$user] ?? null;
    return array_merge($team ? ["team:$team"] : [], USERS[$user]['admin'] ? ['admin'] : []);
}

// --- the real-time layer ------------------------------------------------------
$emitter = new SocketIO\Emitter(); // php.ini: socketio_emitter.dsn
$sessionRooms = new SocketIO\SessionRooms($emitter, getenv('SESSION_SECRET') ? ['secret' => getenv('SESSION_SECRET')] : []);

session_name(getenv('SESSION_COOKIE') ?: 'PHPSESSID');
session_set_cookie_params(['httponly' => true, 'samesite' => 'Lax']);
session_start();
$user = $_SESSION['user'] ?? null;

function json(array $body, int $status = 200): never
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body);
    exit;
}

function requirePost(): void
{
    if ($_SERVER['REQUEST_METHOD'] !== 'POST' || !hash_equals($_SESSION['csrf'] ?? "\0", $_SERVER['HTTP_X_CSRF_TOKEN'] ?? '')) {
        json(['error' => 'forbidden'], 403);
    }
}

switch ($path) {
    case '/login': // POST user=… from the form, or GET /login?user=…
        $name = (string) ($_REQUEST['user'] ?? '');
        if (!isset(USERS[$name])) {
            json(['error' => 'unknown user'], 400);
        }
        if ($user) { // logging in again: the old session's rooms go first
            $sessionRooms->forget(session_id(), true);
        }
        session_regenerate_id(true); // a new id at login: no session fixation
        $_SESSION = ['user' => $name, 'csrf' => bin2hex(random_bytes(16))];
        // Remembered in Redis for the sockets this browser opens from now on.
        if ($rooms = roomsFor($name)) {
            $sessionRooms->join(session_id(), $rooms);
        }
        $sid = session_id();
        store(function ($d) use ($name, $sid) { $d['sessions'][$name][] = $sid; return $d; });
        header('Location: /', true, 303);
        exit;

    case '/post':
        requirePost();
        $user ?? json(['error' => 'log in first'], 401);
        $team = USERS[$user]['admin'] ? (int) ($_POST['team'] ?? 1) : (store()['teams'][$user] ?? null);
        $text = trim((string) ($_POST['text'] ?? ''));
        if ($text === '' || strlen($text) > 2000 || !preg_match('//u', $text)) {
            json(['error' => 'a post is 1 to 2000 bytes of UTF-8'], 400);
        }
        $post = ['id' => bin2hex(random_bytes(6)), 'author' => $user, 'team' => $team, 'text' => $text, 'at' => new DateTimeImmutable()];
        // ONE emit to the team and the admins: an admin who is also in the
        // team gets it once (the server delivers to each socket once).
        $servers = $emitter->to($team ? ["team:$team", 'admin'] : ['admin'])->emit('post', $post);
        json(['id' => $post['id'], 'servers' => $servers]);

    case '/team': // admin: action=remove|add, user, team
        requirePost();
        ($user && USERS[$user]['admin']) || json(['error' => 'admins only'], 403);
        $who = (string) ($_POST['user'] ?? '');
        $team = (int) ($_POST['team'] ?? 0);
        $add = ($_POST['action'] ?? '') === 'add';
        if (!isset(USERS[$who]) || $team < 1) {
            json(['error' => 'bad user or team'], 400);
        }
        $data = store(function ($d) use ($who, $team, $add) {
            if ($add) {
                $d['teams'][$who] = $team;
            } elseif (($d['teams'][$who] ?? null) === $team) {
                $d['teams'][$who] = null;
            }
            return $d;
        });
        // Every open session of that user, live: its sockets leave (or join)
        // the room now, without reconnecting, and later sockets follow Redis.
        foreach ($data['sessions'][$who] ?? [] as $sid) {
            $add ? $sessionRooms->join($sid, "team:$team") : $sessionRooms->leave($sid, "team:$team");
            $emitter->to($sessionRooms->roomOf($sid))->emit('notice', $add ? "You were added to team $team" : "You were removed from team $team");
        }
        json(['sessions' => count($data['sessions'][$who] ?? []), 'rooms' => roomsFor($who)]);

    case '/logout':
        requirePost();
        $sid = session_id();
        // Forget the session's rooms and close its sockets on every server.
        $sessionRooms->forget($sid, true);
        if ($user) {
            store(function ($d) use ($user, $sid) {
                $d['sessions'][$user] = array_values(array_diff($d['sessions'][$user] ?? [], [$sid]));
                return $d;
            });
        }
        $_SESSION = [];
        session_destroy();
        setcookie(session_name(), '', ['expires' => 1, 'path' => '/', 'httponly' => true, 'samesite' => 'Lax']);
        json(['ok' => true]);

    case '/':
        break;

    default:
        json(['error' => 'not found'], 404);
}

// --- the page -------------------------------------------------------------------
$h = fn ($s) => htmlspecialchars((string) $s, ENT_QUOTES);
$socketUrl = rtrim(getenv('SOCKETIO_URL') ?: 'http://127.0.0.1:3000', '/');
$config = [
    'socketUrl' => $socketUrl,
    'csrf' => $_SESSION['csrf'] ?? null,
    // The session id travels in the PHPSESSID cookie by default (see README):
    // ?via=auth puts it in the handshake's auth instead, for a Node server on
    // another site, at the price of showing the id to the page's JavaScript.
    'sessionId' => ($user && ($_GET['via'] ?? '') === 'auth') ? session_id() : null,
];
$team = $user ? (store()['teams'][$user] ?? null) : null;
?><!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Teams demo<?= $user ? ' – ' . $h($user) : '' ?></title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; max-width: 44rem; }
  header { display: flex; gap: 1rem; align-items: baseline; }
  #status { margin-left: auto; font-size: 13px; padding: 2px 8px; border-radius: 8px; background: #eee; }
  #status.connected { background: #d4f7d4; } #status.closed { background: #f7d4d4; }
  #posts { list-style: none; padding: 0; } #posts li { border-bottom: 1px solid #ddd; padding: .35rem 0; }
  .team { font-size: 12px; color: #fff; background: #57a; border-radius: 6px; padding: 0 6px; }
  .notice { color: #a50; }
  textarea { width: 100%; height: 3rem; }
</style>
</head>
<body>
<?php if (!$user): ?>
  <h1>Teams demo</h1>
  <p>Log in as:</p>
  <form method="post" action="/login">
    <?php foreach (USERS as $name => $u): ?>
      <button name="user" value="<?= $h($name) ?>"><?= $h($name) ?> (team <?= $u['team'] ?><?= $u['admin'] ? ', admin' : '' ?>)</button>
    <?php endforeach ?>
  </form>
<?php else: ?>
  <header>
    <h1><?= $h($user) ?></h1>
    <span id="team"><?= $team ? 'team ' . $team : 'no team' ?><?= USERS[$user]['admin'] ? ' · admin' : '' ?></span>
    <span id="status">connecting…</span>
  </header>
  <form id="post-form">
    <textarea name="text" placeholder="Write to your team" required></textarea>
    <?php if (USERS[$user]['admin']): ?>
      to <select name="team"><option value="1">team 1</option><option value="2">team 2</option></select>
    <?php endif ?>
    <button>Post</button>
  </form>
  <?php if (USERS[$user]['admin']): ?>
    <p>
      <button class="team-action" data-action="remove" data-user="bob" data-team="2">Remove bob from team 2</button>
      <button class="team-action" data-action="add" data-user="bob" data-team="2">Add bob to team 2</button>
    </p>
  <?php endif ?>
  <p><button id="logout">Log out</button></p>
  <h2>Live posts</h2>
  <ul id="posts"></ul>
  <script id="config" type="application/json"><?= json_encode($config, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES) ?></script>
  <script src="<?= $h($socketUrl) ?>/socket.io/socket.io.js"></script>
  <script src="/app.js"></script>
<?php endif ?>
</body>
</html>
