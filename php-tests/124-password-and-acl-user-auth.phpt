--TEST--
Passwords work in every form: redis://:pw@, redis://user:pw@, options array password / username (ACL user)
--SKIPIF--
<?php if (!shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
[$proc, $port] = sio_start_redis(['--requirepass', 'defpw', '--user', 'alice', 'on', '>alice-pw', '~*', '&*', '+@all']);
$sub = new SioSub(['socket.io#*'], [], ['host' => '127.0.0.1', 'port' => $port, 'user' => null, 'pass' => 'defpw']);
$forms = [
    'dsn :pw@'             => "redis://:defpw@127.0.0.1:$port",
    'dsn default:pw@'      => "redis://default:defpw@127.0.0.1:$port",
    'dsn alice:pw@'        => "redis://alice:alice-pw@127.0.0.1:$port",
    'dsn url-encoded user' => "redis://%61lice:alice%2Dpw@127.0.0.1:$port",
    'array password'       => ['host' => '127.0.0.1', 'port' => $port, 'password' => 'defpw'],
    'array username'       => ['host' => '127.0.0.1', 'port' => $port, 'username' => 'alice', 'password' => 'alice-pw'],
];
foreach ($forms as $label => $opts) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', $label));
    echo $label, ': ', sio_describe($t), $t ? ' ' . $t->getMessage() : '', "\n";
}
echo count($sub->collect()), " message(s)\n";
sio_stop_redis($proc);
?>
--EXPECT--
dsn :pw@: no exception
dsn default:pw@: no exception
dsn alice:pw@: no exception
dsn url-encoded user: no exception
array password: no exception
array username: no exception
6 message(s)
