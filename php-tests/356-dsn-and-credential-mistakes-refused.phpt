--TEST--
unix://tmp/x.sock (relative path) and a username without a password are refused; an empty username option means no username; port and timeouts may be numeric strings
--INI--
socketio_emitter.session_secret=0123456789abcdef0123
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach ([
    'unix://tmp/x.sock',
    'redis://user@127.0.0.1',
    ['dsn' => 'redis://127.0.0.1', 'username' => 'u'],
    ['dsn' => 'redis://user@127.0.0.1'],
    ['host' => '127.0.0.1', 'port' => 'abc'],
    ['host' => '127.0.0.1', 'port' => '63 79'],
    ['host' => '127.0.0.1', 'timeout' => 'soon'],
    ['host' => '127.0.0.1', 'read_timeout' => ''],
    ['host' => '127.0.0.1', 'retry_interval' => '1.5'],
] as $options) {
    $t = sio_catch(fn() => new SocketIO\Emitter($options));
    echo json_encode($options), ' -> ', sio_describe($t), ': ', $t?->getMessage(), "\n";
}
// accepted: what environment variables give
$addr = sio_redis_addr();
$e = new SocketIO\Emitter(['host' => $addr['host'], 'port' => (string)$addr['port'], 'username' => '',
    'timeout' => '2.5', 'read_timeout' => ' 1', 'retry_interval' => '100']);
var_dump($e->emit('ev') >= 0);
$t = sio_catch(fn() => new SocketIO\Emitter(['dsn' => 'redis://user@127.0.0.1', 'password' => 'p']));
echo 'user in DSN + password option: ', sio_describe($t), "\n";
$t = sio_catch(fn() => new SocketIO\SessionRooms($e, ['ttl' => '3600']));
echo "SessionRooms ttl '3600': ", sio_describe($t), "\n";
$t = sio_catch(fn() => new SocketIO\SessionRooms($e, ['ttl' => 'soon']));
echo "SessionRooms ttl 'soon': ", sio_describe($t), ': ', $t?->getMessage(), "\n";
?>
--EXPECT--
"unix:\/\/tmp\/x.sock" -> SocketIO\Exception: invalid DSN: a unix DSN needs an absolute path: unix:///tmp/x.sock (three slashes)
"redis:\/\/user@127.0.0.1" -> SocketIO\Exception: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
{"dsn":"redis:\/\/127.0.0.1","username":"u"} -> SocketIO\Exception: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
{"dsn":"redis:\/\/user@127.0.0.1"} -> SocketIO\Exception: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
{"host":"127.0.0.1","port":"abc"} -> SocketIO\Exception: option 'port' must be an int, a non-numeric string given
{"host":"127.0.0.1","port":"63 79"} -> SocketIO\Exception: option 'port' must be an int, a non-numeric string given
{"host":"127.0.0.1","timeout":"soon"} -> SocketIO\Exception: option 'timeout' must be a number of seconds, a non-numeric string given
{"host":"127.0.0.1","read_timeout":""} -> SocketIO\Exception: option 'read_timeout' must be a number of seconds, a non-numeric string given
{"host":"127.0.0.1","retry_interval":"1.5"} -> SocketIO\Exception: option 'retry_interval' must be between 0 and 3600000 milliseconds
bool(true)
user in DSN + password option: no exception
SessionRooms ttl '3600': no exception
SessionRooms ttl 'soon': SocketIO\Exception: SocketIO\SessionRooms: option 'ttl' must be an int of seconds between 1 and 315360000
