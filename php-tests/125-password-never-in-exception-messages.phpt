--TEST--
A password never appears in any exception message: failed connects, wrong passwords, malformed DSNs, bad options
--SKIPIF--
<?php if (!shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$secret = 'Sup3rS3cretPw';
$dead = sio_free_port();
[$proc, $port] = sio_start_redis(['--requirepass', 'the-real-pw']);
$cases = [
    'refused, dsn'            => ["redis://user:$secret@127.0.0.1:$dead"],
    'refused, dsn no user'    => ["redis://:$secret@127.0.0.1:$dead/3"],
    'refused, array'          => [['host' => '127.0.0.1', 'port' => $dead, 'username' => 'u', 'password' => $secret]],
    'refused, array dsn'      => [['dsn' => "redis://u:$secret@127.0.0.1:$dead", 'timeout' => 0.5]],
    'wrong password, dsn'     => ["redis://:$secret@127.0.0.1:$port"],
    'wrong password, array'   => [['host' => '127.0.0.1', 'port' => $port, 'password' => $secret]],
    'wrong user, dsn'         => ["redis://nobody:$secret@127.0.0.1:$port"],
    'malformed port'          => ["redis://u:$secret@127.0.0.1:notaport"],
    'malformed db'            => ["redis://u:$secret@127.0.0.1:$port/notadb"],
    'bad scheme'              => ["http://u:$secret@127.0.0.1:$port"],
    'unknown option'          => [['dsn' => "redis://u:$secret@127.0.0.1:$port", 'pasword' => $secret]],
    'url-encoded secret'      => ['redis://u:' . rawurlencode("$secret/+") . "@127.0.0.1:$dead"],
    'unresolvable host'       => ["redis://u:$secret@no-such-host.invalid:6379"],
];
foreach ($cases as $label => [$opts]) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', 1));
    $all = $t ? sio_messages($t) : '';
    $leak = str_contains($all, $secret) || str_contains($all, 'Sup3r') || str_contains($all, rawurlencode("$secret/+"));
    printf("%s: %s, leaks password: %s\n", $label, sio_describe($t), $leak ? "YES: $all" : 'no');
}
sio_stop_redis($proc);
?>
--EXPECT--
refused, dsn: SocketIO\Exception, leaks password: no
refused, dsn no user: SocketIO\Exception, leaks password: no
refused, array: SocketIO\Exception, leaks password: no
refused, array dsn: SocketIO\Exception, leaks password: no
wrong password, dsn: SocketIO\Exception, leaks password: no
wrong password, array: SocketIO\Exception, leaks password: no
wrong user, dsn: SocketIO\Exception, leaks password: no
malformed port: SocketIO\Exception, leaks password: no
malformed db: SocketIO\Exception, leaks password: no
bad scheme: SocketIO\Exception, leaks password: no
unknown option: SocketIO\Exception, leaks password: no
url-encoded secret: SocketIO\Exception, leaks password: no
unresolvable host: SocketIO\Exception, leaks password: no
