<?php
// The CodeIgniter 4, CodeIgniter 3 and Yii 2 examples, run. Debian packages
// none of these frameworks, so minimal stand-ins of the framework classes the
// examples touch (below, per section) let the examples' own code run against
// the real extension and a private Redis; a raw Redis subscriber checks what
// was published.
//
//   php -d extension=…/libsocketio_emitter.so php-frameworks.php ci4|ci3|yii
//
// One section per process (CodeIgniter 3's redirect() and 4's are both global
// functions). Prints one line per check and "N passed, N failed".
declare(strict_types=1);

$section = $argv[1] ?? '';
$repo = dirname(__DIR__, 2);
$passed = 0;
$failed = 0;

function check(bool $ok, string $label, mixed $detail = null): void
{
    global $passed, $failed, $section;
    $ok ? $passed++ : $failed++;
    echo ($ok ? 'ok   ' : 'FAIL ') . "$section: $label" . (!$ok && $detail !== null ? '  (' . json_encode($detail, JSON_INVALID_UTF8_SUBSTITUTE) . ')' : '') . "\n";
}

function free_port(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
    fclose($server);

    return $port;
}

/** A raw RESP client: commands, and a pattern subscription that collects what is published. */
final class RawRedis
{
    /** @var resource */
    private $socket;

    public function __construct(int $port)
    {
        $this->socket = stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 2.0) ?: throw new RuntimeException($error);
    }

    public function send(string ...$args): void
    {
        $out = '*' . count($args) . "\r\n";
        foreach ($args as $arg) {
            $out .= '$' . strlen($arg) . "\r\n$arg\r\n";
        }
        fwrite($this->socket, $out);
    }

    public function command(string ...$args): mixed
    {
        $this->send(...$args);

        return $this->read(2.0);
    }

    /** One reply, or null when none arrives within $timeout seconds. */
    public function read(float $timeout): mixed
    {
        $read = [$this->socket];
        $none = null;
        if (stream_select($read, $none, $none, (int) $timeout, (int) (fmod($timeout, 1.0) * 1e6)) < 1) {
            return null;
        }
        $line = rtrim((string) fgets($this->socket), "\r\n");
        $rest = substr($line, 1);
        switch ($line[0] ?? '') {
            case '*':
                $items = [];
                for ($i = 0; $i < (int) $rest; $i++) {
                    $items[] = $this->read(2.0);
                }
                return $items;
            case '$':
                if ((int) $rest < 0) {
                    return null;
                }
                $data = '';
                while (strlen($data) < (int) $rest + 2) {
                    $data .= fread($this->socket, (int) $rest + 2 - strlen($data));
                }
                return substr($data, 0, -2);
            case ':':
                return (int) $rest;
            default:
                return $rest;
        }
    }

    /** [channel, payload] of every message published within $timeout seconds. */
    public function messages(float $timeout = 0.5): array
    {
        $got = [];
        $end = microtime(true) + $timeout;
        while (($left = $end - microtime(true)) > 0 && ($m = $this->read($left)) !== null) {
            if (is_array($m) && ($m[0] ?? '') === 'pmessage') {
                $got[] = [$m[2], $m[3]];
            }
        }

        return $got;
    }
}

// A private Redis for this section.
$port = free_port();
$redis = proc_open(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
register_shutdown_function(static function () use ($redis): void {
    proc_terminate($redis);
    proc_close($redis);
});
for ($i = 0; $i < 100 && !@stream_socket_client("tcp://127.0.0.1:$port", $e, $s, 0.1); $i++) {
    usleep(50000);
}
$dsn = "redis://127.0.0.1:$port";
$deadDsn = 'redis://127.0.0.1:' . free_port();
$sub = new RawRedis($port);
$sub->command('PSUBSCRIBE', 'socket.io*');
$kv = new RawRedis($port);
$secret = bin2hex(random_bytes(16));
$work = sys_get_temp_dir() . '/fw-php-' . getmypid();
@mkdir($work);
ini_set('session.save_path', $work);
ini_set('session.use_cookies', '0');
ini_set('session.cache_limiter', '');
ini_set('error_log', "$work/error.log");
register_shutdown_function(static function () use ($work): void {
    array_map('unlink', glob("$work/*") ?: []);
    @rmdir($work);
});
/** Rooms stored for a session (a Redis set: sorted here), read back through the extension's own SessionRooms. */
$storedRooms = static function (string $sid) use ($dsn, $secret): array {
    $rooms = (new SocketIO\SessionRooms(new SocketIO\Emitter($dsn), ['secret' => $secret]))->rooms($sid);
    sort($rooms);

    return $rooms;
};
$published = static fn (array $messages, string ...$needles): bool => (bool) array_filter(
    $messages,
    static fn ($m) => !array_filter($needles, static fn ($n) => !str_contains($m[0] . $m[1], $n))
);
$outages = static fn (): int => substr_count((string) @file_get_contents("$work/error.log"), 'cannot connect to Redis');

// ---------------------------------------------------------------- CodeIgniter 4
if ($section === 'ci4') {
    // Stand-ins of CodeIgniter 4's classes and helpers that the example uses.
    eval(<<<'PHP'
namespace CodeIgniter\Config {
    class BaseConfig {}
    class BaseService {
        private static array $instances = [];
        public static function getSharedInstance(string $key, ...$params) {
            return self::$instances[$key] ??= static::$key(false, ...$params);
        }
    }
}
namespace CodeIgniter\Events {
    class Events {
        private static array $listeners = [];
        public static function on($event, callable $callback): void { self::$listeners[$event][] = $callback; }
        public static function trigger($event, ...$args): bool {
            foreach (self::$listeners[$event] ?? [] as $callback) { $callback(...$args); }
            return true;
        }
    }
}
namespace CodeIgniter {
    class Controller { public $request; public $response; }
}
namespace StandIn {
    class Request { public array $post = []; public function getPost($key) { return $this->post[$key] ?? null; } }
    class Response { public $json; public function setJSON($data) { $this->json = $data; return $this; } }
    class Redirect { public string $to = ''; public function to(string $uri) { $this->to = $uri; return $this; } }
    class Session {
        public function regenerate(bool $destroy = false) { session_regenerate_id($destroy); }
        public function set(array $data) { $_SESSION = $data + $_SESSION; }
        public function get($key) { return $_SESSION[$key] ?? null; }
        public function destroy() { session_destroy(); }
    }
}
namespace {
    function config(string $name) {
        static $configs = [];
        return $configs[$name] ??= new ("Config\\" . $name)();
    }
    function service(string $name) { return Config\Services::$name(); }
    function session() { static $s; return $s ??= new StandIn\Session(); }
    function redirect() { return new StandIn\Redirect(); }
}
PHP);
    $ci4 = "$repo/examples/codeigniter/app";
    foreach (['Config/SocketIO.php', 'Libraries/Realtime.php', 'Config/Services.php', 'Config/Events.php', 'Controllers/Posts.php'] as $file) {
        require $ci4 . '/' . $file;
    }
    config('SocketIO')->dsn = $dsn;
    config('SocketIO')->sessionSecret = $secret;
    check(service('socketio') instanceof App\Libraries\Realtime && service('socketio') === service('socketio'), "service('socketio') is one shared App\\Libraries\\Realtime");

    session_start();
    $controller = new App\Controllers\Posts();
    $controller->request = new StandIn\Request();
    $controller->response = new StandIn\Response();
    $controller->request->post = ['login' => 'admin'];
    $redirect = $controller->login();
    $sid = session_id();
    check($redirect->to === '/posts', 'login redirects to /posts', $redirect->to);
    check($storedRooms($sid) === ['admin', 'team:1'], "the `login` event hook stored the session's rooms (team:1, admin)", $storedRooms($sid));
    check($published($sub->messages(), 'socket.io-request#/#', 'team:1', 'admin'), 'and sent them to the sockets already open (remote join)');

    $controller->request->post = ['text' => 'hello ci4'];
    $json = $controller->create()->json;
    $messages = $sub->messages();
    check($json === ['ok' => true, 'live' => true], 'POST posts answers {ok, live: true}', $json);
    check($published($messages, 'socket.io#/#', 'post', 'hello ci4', 'team:1', 'admin') && count($messages) === 1, 'one publish to team:1 + admin with the post', array_map(static fn ($m) => $m[0], $messages));

    $redirect = $controller->logout();
    check($redirect->to === '/login' && $storedRooms($sid) === [], 'the `logout` event hook forgot the rooms', $storedRooms($sid));
    check($published($sub->messages(), 'socket.io-request#/#'), "and closed the session's sockets (remote disconnect)");

    $config = new Config\SocketIO();
    $config->dsn = $dsn; // no session secret, none in php.ini
    $plain = new App\Libraries\Realtime($config);
    check($plain->toTeam(2, 'post', ['text' => 'no secret']) === true && $published($sub->messages(), 'no secret'), 'emit-only use needs no session secret');

    $config->dsn = $deadDsn;
    $t0 = microtime(true);
    $down = new App\Libraries\Realtime($config);
    $results = [$down->toTeam(1, 'post', []), $down->toTeam(1, 'post', [])];
    $ms = (int) round((microtime(true) - $t0) * 1000);
    echo "  two emits with Redis down took $ms ms\n";
    check($results === [false, false] && $outages() === 1, "Redis down: toTeam() returns false, no exception, one line in the error log (on_error 'log')", [$results, $outages()]);
    check($ms < 2000, "Redis down: within the 0.5 s timeouts + breaker ($ms ms)");
}

// ---------------------------------------------------------------- CodeIgniter 3
if ($section === 'ci3') {
    define('BASEPATH', $repo . '/examples/codeigniter/system/');
    $ci3 = "$repo/examples/codeigniter/application";
    final class CI3Redirect extends Exception {}
    // Stand-ins of CodeIgniter 3's loader, input, session and output. Like CI3,
    // redirect() exists only once the url helper is loaded.
    final class CI3Loader
    {
        public function __construct(private object $ci, private string $app) {}
        public function helper(string $name): void
        {
            if ($name === 'url' && !function_exists('redirect')) {
                eval('function redirect($uri = "") { throw new CI3Redirect($uri); }');
            }
        }
        public function library(string $name): void
        {
            if ($name === 'session') {
                session_status() === PHP_SESSION_ACTIVE || session_start();
                $this->ci->session = new CI3Session();
                return;
            }
            $config = [];
            if (is_file("$this->app/config/$name.php")) {
                include "$this->app/config/$name.php";
            }
            require_once "$this->app/libraries/" . ucfirst($name) . '.php';
            $class = ucfirst($name);
            $this->ci->$name = new $class($config);
        }
        public function model(string $name, string $alias): void
        {
            $this->ci->$alias = new class {
                public array $sessions = [];
                public function check($login, $password) { return $login === 'alice' ? (object) ['id' => 7, 'team' => 1, 'is_admin' => false] : null; }
                public function add_session($id, $sid) { $this->sessions[$id][] = $sid; }
                public function remove_session($id, $sid) { unset($this->sessions[$id]); }
                public function save_post($post) { return 42; }
            };
        }
    }
    final class CI3Session
    {
        public function sess_regenerate(bool $destroy = false) { session_regenerate_id($destroy); }
        public function set_userdata(array $data) { $_SESSION = $data + $_SESSION; }
        public function userdata($key) { return $_SESSION[$key] ?? null; }
        public function sess_destroy() { session_destroy(); }
    }
    class CI_Controller
    {
        public $load;
        public $input;
        public $output;
        public function __construct()
        {
            global $ci3;
            $this->load = new CI3Loader($this, $ci3);
            $this->input = new class { public array $post = []; public function post($k, $xss = false) { return $this->post[$k] ?? null; } };
            $this->output = new class { public string $body = ''; public function set_content_type($t) { return $this; } public function set_output($b) { $this->body = $b; return $this; } };
        }
    }
    putenv("SOCKETIO_REDIS_DSN=$dsn");
    putenv("SOCKETIO_SESSION_SECRET=$secret");
    require "$ci3/controllers/Posts.php";
    $redirectOf = static function (callable $action): string {
        try {
            $action();
        } catch (CI3Redirect $r) {
            return $r->getMessage();
        } catch (Throwable $e) {
            return get_class($e) . ': ' . $e->getMessage();
        }
        return '(no redirect)';
    };
    $posts = new Posts();
    $posts->input->post = ['login' => 'alice', 'password' => 'x'];
    $to = $redirectOf(static fn () => $posts->login());
    $sid = session_id();
    check($to === 'posts', 'login redirects to posts (the controller loads the url helper)', $to);
    check($storedRooms($sid) === ['team:1'], "login stored the session's rooms", $storedRooms($sid));
    $sub->messages();
    $posts->input->post = ['text' => 'hello ci3'];
    $posts->create();
    check($posts->output->body === '{"id":42}' && $published($sub->messages(), 'socket.io#/#', 'hello ci3', 'team:1', 'admin'), 'create() publishes the post to team:1 + admin', $posts->output->body);
    $to = $redirectOf(static fn () => $posts->logout());
    check($to === 'login' && $storedRooms($sid) === [], 'logout forgets the rooms and redirects to login', [$to, $storedRooms($sid)]);
}

// ---------------------------------------------------------------- Yii 2
if ($section === 'yii') {
    // Stand-ins of yii\base\Component (config array → properties, init(),
    // getters as properties) and Yii::$app.
    eval(<<<'PHP'
namespace yii\base {
    class InvalidConfigException extends \Exception {}
    class Component {
        public function __construct(array $config = []) { foreach ($config as $k => $v) { $this->$k = $v; } $this->init(); }
        public function init(): void {}
        public function __get($name) {
            if (method_exists($this, 'get' . $name)) { return $this->{'get' . $name}(); }
            throw new \Exception("Getting unknown property: $name");
        }
    }
}
namespace {
    class Yii { public static $app; }
}
PHP);
    require "$repo/examples/yii/components/Realtime.php";
    $build = static function (array $definition, array $override): app\components\Realtime {
        $class = $definition['class'];
        unset($definition['class']);

        return new $class($override + $definition);
    };
    Yii::$app = (object) ['session' => new class {
        public string $id = '';
        public function getIsActive(): bool { return $this->id !== ''; }
    }];

    $console = require "$repo/examples/yii/config/console.php";
    $realtime = $build($console['components']['realtime'], ['dsn' => $dsn]);
    $realtime->toTeam(3, 'post', ['text' => 'from a queue worker']);
    check($published($sub->messages(), 'socket.io#/#', 'from a queue worker', 'team:3'), 'config/console.php: a console/queue process emits with no session secret');
    try {
        $realtime->rooms;
        check(false, 'session rooms without a secret are refused');
    } catch (SocketIO\Exception $e) {
        check(str_contains($e->getMessage(), 'secret'), 'session rooms without a secret: a SocketIO\\Exception naming the secret', $e->getMessage());
    }

    $web = require "$repo/examples/yii/config/web.php";
    Yii::$app->realtime = $build($web['components']['realtime'], ['dsn' => $dsn, 'secret' => $secret]);
    Yii::$app->session->id = bin2hex(random_bytes(16));
    $web['components']['user']['on afterLogin']((object) ['identity' => (object) ['team_id' => 2, 'is_admin' => true]]);
    check($storedRooms(Yii::$app->session->id) === ['admin', 'team:2'], 'config/web.php afterLogin: rooms stored for the session', $storedRooms(Yii::$app->session->id));
    $sub->messages();
    $web['components']['user']['on beforeLogout']();
    check($storedRooms(Yii::$app->session->id) === [] && $published($sub->messages(), 'socket.io-request#/#'), 'beforeLogout: rooms forgotten, sockets closed');

    $down = $build($console['components']['realtime'], ['dsn' => $deadDsn]);
    $down->toTeam(1, 'post', []);
    check($outages() === 1, "Redis down: no exception, one line in the error log (onError 'log')", $outages());
}

if (!in_array($section, ['ci4', 'ci3', 'yii'], true)) {
    echo "usage: php php-frameworks.php ci4|ci3|yii\n";
    $failed++;
}
echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
