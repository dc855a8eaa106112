--TEST--
Malformed DSNs are a SocketIO\Exception (at construction or at the latest at the first emit), never a hang or a crash
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$dsns = [
    'no scheme'        => '127.0.0.1:6379',
    'not a dsn'        => 'not a dsn',
    'bad scheme'       => 'http://127.0.0.1:6379',
    'no host'          => 'redis://',
    'port not numeric' => 'redis://127.0.0.1:abc',
    'port too big'     => 'redis://127.0.0.1:70000',
    'db not numeric'   => 'redis://127.0.0.1:6379/abc',
    'unix no path'     => 'unix://',
];
$start = microtime(true);
foreach ($dsns as $label => $dsn) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($dsn))->emit('ev', 1));
    echo $label, ': ', sio_describe($t), "\n";
    $t = sio_catch(fn() => (new SocketIO\Emitter(['dsn' => $dsn]))->emit('ev', 1));
    echo $label, ' (array): ', sio_describe($t), "\n";
}
echo 'fast: ', var_export(microtime(true) - $start < 5, true), "\n";
?>
--EXPECT--
no scheme: SocketIO\Exception
no scheme (array): SocketIO\Exception
not a dsn: SocketIO\Exception
not a dsn (array): SocketIO\Exception
bad scheme: SocketIO\Exception
bad scheme (array): SocketIO\Exception
no host: SocketIO\Exception
no host (array): SocketIO\Exception
port not numeric: SocketIO\Exception
port not numeric (array): SocketIO\Exception
port too big: SocketIO\Exception
port too big (array): SocketIO\Exception
db not numeric: SocketIO\Exception
db not numeric (array): SocketIO\Exception
unix no path: SocketIO\Exception
unix no path (array): SocketIO\Exception
fast: true
