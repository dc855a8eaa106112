--TEST--
The constructor accepts only string|array|null: an object is a TypeError
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
echo sio_describe(sio_catch(fn() => new SocketIO\Emitter(new stdClass()))), "\n";
echo sio_describe(sio_catch(fn() => new SocketIO\Emitter(fopen('php://memory', 'r')))), "\n";
?>
--EXPECT--
TypeError
TypeError
