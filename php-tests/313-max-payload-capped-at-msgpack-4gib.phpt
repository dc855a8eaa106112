--TEST--
max_payload is at most 4294967295 bytes (msgpack's longest str/bin; a longer limit would only let through what cannot be encoded): a larger option or ini value is refused with a message naming the key, the cap and the value; 0 (unlimited) and the cap itself are accepted
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach ([4294967295, 4294967296, 0, PHP_INT_MAX, 4294967296.0] as $v) {
    $t = sio_catch(fn () => sio_emitter(['max_payload' => $v]));
    echo var_export($v, true), ': ', $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n";
}
ini_set('socketio_emitter.max_payload', '4294967296');
$t = sio_catch(fn () => new SocketIO\Emitter(sio_dsn()));
echo 'ini 4294967296: ', $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n";
ini_set('socketio_emitter.max_payload', '4294967295');
$t = sio_catch(fn () => new SocketIO\Emitter(sio_dsn()));
echo 'ini 4294967295: ', $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n";
?>
--EXPECT--
4294967295: accepted
4294967296: SocketIO\Exception: option 'max_payload' must be at most 4294967295 bytes (4 GiB - 1, what msgpack can send; 0 = unlimited), 4294967296 given
0: accepted
9223372036854775807: SocketIO\Exception: option 'max_payload' must be at most 4294967295 bytes (4 GiB - 1, what msgpack can send; 0 = unlimited), 9223372036854775807 given
4294967296.0: SocketIO\Exception: option 'max_payload' must be at most 4294967295 bytes (4 GiB - 1, what msgpack can send; 0 = unlimited), 4294967296 given
ini 4294967296: SocketIO\Exception: option 'socketio_emitter.max_payload' must be at most 4294967295 bytes (4 GiB - 1, what msgpack can send; 0 = unlimited), 4294967296 given
ini 4294967295: accepted
