--TEST--
SessionRooms: a missing or short secret, bad options and empty session ids are clear exceptions; the secret never appears in messages
--INI--
socketio_emitter.session_secret=
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$secret = 'Sup3r-S3cret-value-0123';
foreach ([
    fn() => new SocketIO\SessionRooms($e),
    fn() => new SocketIO\SessionRooms($e, ['secret' => 'short-s3cret']),
    fn() => new SocketIO\SessionRooms($e, ['secret' => 42]),
    fn() => new SocketIO\SessionRooms($e, ['secret' => $secret, 'tll' => 5]),
    fn() => new SocketIO\SessionRooms($e, ['secret' => $secret, 'ttl' => 0]),
    fn() => (new SocketIO\SessionRooms($e, ['secret' => $secret]))->roomOf(''),
    fn() => (new SocketIO\SessionRooms($e, ['secret' => $secret]))->join('abc', [1.5]),
] as $f) {
    $t = sio_catch($f);
    echo get_class($t), ': ', $t->getMessage(), str_contains((string) $t?->getMessage(), 'S3cret') ? ' LEAKS THE SECRET' : '', "\n";
}
var_dump((new ReflectionClass('SocketIO\SessionRooms'))->isFinal());
?>
--EXPECT--
SocketIO\Exception: SocketIO\SessionRooms needs a secret of at least 16 bytes: set the 'secret' option or socketio_emitter.session_secret (the same secret as the Node middleware)
SocketIO\Exception: SocketIO\SessionRooms needs a secret of at least 16 bytes: set the 'secret' option or socketio_emitter.session_secret (the same secret as the Node middleware)
SocketIO\Exception: SocketIO\SessionRooms: option 'secret' must be a string
SocketIO\Exception: SocketIO\SessionRooms: unknown option 'tll' (known options: secret, ttl)
SocketIO\Exception: SocketIO\SessionRooms: option 'ttl' must be an int of seconds between 1 and 315360000
SocketIO\Exception: SocketIO\SessionRooms::roomOf(): Argument #1 ($sessionId) must not be empty
TypeError: SocketIO\SessionRooms::join(): Argument #2 ($rooms) must contain only strings and ints, float given at position 0
bool(true)
