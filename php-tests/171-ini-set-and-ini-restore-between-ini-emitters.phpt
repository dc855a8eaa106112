--TEST--
new Emitter() with no options follows ini_set() and ini_restore() between two constructs in one request (a cached config is reused only while every ini value it was built from is unchanged, a value of the same length included)
--INI--
socketio_emitter.prefix=iniprefix
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sub = new SioSub(['*#/#*']);
(new SocketIO\Emitter())->emit('a');
ini_set('socketio_emitter.prefix', 'changed');
(new SocketIO\Emitter())->emit('b');
ini_set('socketio_emitter.prefix', 'chang3d');         // same length, other bytes
(new SocketIO\Emitter())->emit('c');
ini_restore('socketio_emitter.prefix');
(new SocketIO\Emitter())->emit('d');
ini_set('socketio_emitter.prefix', 'changed');         // a config built before: reused
(new SocketIO\Emitter(null))->emit('e');
ini_restore('socketio_emitter.prefix');
(new SocketIO\Emitter())->emit('f');
ini_set('socketio_emitter.max_payload', '10');         // another setting than the prefix
try {
    (new SocketIO\Emitter())->emit('g');
} catch (SocketIO\Exception $e) {
    echo get_class($e), "\n";
}
ini_restore('socketio_emitter.max_payload');
(new SocketIO\Emitter())->emit('h');
foreach ($sub->collect() as $m) {
    echo $m['channel'], ' ', json_decode(mp_text(mp_decode($m['payload'])), true)[1]['data'][0], "\n";
}
?>
--EXPECT--
SocketIO\Exception
iniprefix#/# a
changed#/# b
chang3d#/# c
iniprefix#/# d
changed#/# e
iniprefix#/# f
iniprefix#/# h
