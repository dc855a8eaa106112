--TEST--
Each new Emitter uses the options and ini values in force when it is built (ini_set between two emitters, same options, other options), while an existing Emitter keeps its own
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sub = new SioSub(['*#/#*']);
$before = new SocketIO\Emitter(sio_dsn());
ini_set('socketio_emitter.prefix', 'changed');
(new SocketIO\Emitter(sio_dsn()))->emit('a');
$before->emit('b');                                    // built before: keeps socket.io
ini_set('socketio_emitter.prefix', 'socket.io');
(new SocketIO\Emitter(sio_dsn()))->emit('c');
(new SocketIO\Emitter(['dsn' => sio_dsn(), 'prefix' => 'opt']))->emit('d');
(new SocketIO\Emitter(['dsn' => sio_dsn(), 'prefix' => 'opt2']))->emit('e');
(new SocketIO\Emitter(['dsn' => sio_dsn(), 'prefix' => 'opt']))->emit('f');
foreach ($sub->collect() as $m) {
    echo $m['channel'], ' ', json_decode(mp_text(mp_decode($m['payload'])), true)[1]['data'][0], "\n";
}
?>
--EXPECT--
changed#/# a
socket.io#/# b
socket.io#/# c
opt#/# d
opt2#/# e
opt#/# f
