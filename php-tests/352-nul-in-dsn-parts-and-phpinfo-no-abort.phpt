--TEST--
A NUL (raw or %00) in any DSN part or string option is a clear exception; phpinfo() with such an ini DSN does not abort PHP
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach ([
    'unix:///tmp/a%00b.sock', "redis://h\0x:6379", 'redis://u%00:p@h', 'redis://u:p%00w@h', 'redis://:p%00@h',
] as $dsn) {
    $t = sio_catch(fn() => new SocketIO\Emitter($dsn));
    echo sio_describe($t), ': ', $t?->getMessage(), "\n";
}
foreach (['host', 'username', 'password', 'prefix', 'tls_ca_file'] as $key) {
    $options = ['dsn' => 'rediss://h', 'password' => 'p'];
    $options[$key] = "x\0y";
    $t = sio_catch(fn() => new SocketIO\Emitter($options));
    echo "$key: ", sio_describe($t), ': ', $t?->getMessage(), "\n";
}
ini_set('socketio_emitter.dsn', 'unix:///tmp/a%00b.sock');
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/default Redis address => (.*)/', $info, $m);
echo 'phpinfo: ', $m[1] ?? 'ROW MISSING', "\n";
echo "still running\n";
?>
--EXPECT--
SocketIO\Exception: invalid DSN: the socket path contains a NUL byte (%00)
SocketIO\Exception: invalid DSN: it contains a NUL byte
SocketIO\Exception: invalid DSN: the username contains a NUL byte (%00)
SocketIO\Exception: invalid DSN: the password contains a NUL byte (%00)
SocketIO\Exception: invalid DSN: the password contains a NUL byte (%00)
host: SocketIO\Exception: option 'host' must not contain a NUL byte
username: SocketIO\Exception: option 'username' must not contain a NUL byte
password: SocketIO\Exception: option 'password' must not contain a NUL byte
prefix: SocketIO\Exception: option 'prefix' must not contain a NUL byte
tls_ca_file: SocketIO\Exception: option 'tls_ca_file' must not contain a NUL byte
phpinfo: (invalid DSN)
still running
