--TEST--
Invalid UTF-8 in a map key, in the event name, in a room or a namespace is rejected with SocketIO\Exception; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$cases = [
    'map key'       => fn() => $e->emit('ev', ["k\xff" => 1]),
    'property name' => fn() => $e->emit('ev', (object)["p\xfe" => 1]),
    'event name'    => fn() => $e->emit("ev\xff", 1),
    'room'          => fn() => $e->to("room\xff")->emit('ev', 1),
    'except room'   => fn() => $e->except("room\xff")->emit('ev', 1),
    'namespace'     => fn() => $e->of("/ns\xff")->emit('ev', 1),
];
foreach ($cases as $label => $f) {
    echo $label, ': ', sio_describe(sio_catch($f)), "\n";
}
sio_show_all($sub->collect());
?>
--EXPECT--
map key: SocketIO\Exception
property name: SocketIO\Exception
event name: SocketIO\Exception
room: SocketIO\Exception
except room: SocketIO\Exception
namespace: SocketIO\Exception
0 message(s)
