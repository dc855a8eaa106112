--TEST--
Passwords with URL-special characters: verbatim in the options array, percent-encoded in a DSN
--SKIPIF--
<?php if (!shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$pw = 'p@ss:w/rd#?%é';
[$proc, $port] = sio_start_redis(['--requirepass', $pw]);
$forms = [
    'array'       => ['host' => '127.0.0.1', 'port' => $port, 'password' => $pw],
    'encoded dsn' => 'redis://:' . rawurlencode($pw) . "@127.0.0.1:$port",
    'array dsn'   => ['dsn' => 'redis://default:' . rawurlencode($pw) . "@127.0.0.1:$port"],
];
foreach ($forms as $label => $opts) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', 1));
    echo $label, ': ', sio_describe($t), $t ? ' ' . str_replace($pw, '<PW>', $t->getMessage()) : '', "\n";
}
sio_stop_redis($proc);
?>
--EXPECT--
array: no exception
encoded dsn: no exception
array dsn: no exception
