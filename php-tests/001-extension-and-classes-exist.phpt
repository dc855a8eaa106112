--TEST--
The extension is loaded and defines SocketIO\Emitter, SocketIO\Binary and SocketIO\Exception
--FILE--
<?php
var_dump(extension_loaded('socketio_emitter'));
foreach (['SocketIO\Emitter', 'SocketIO\Binary', 'SocketIO\Exception'] as $c) {
    echo $c, ': ', class_exists($c) ? 'exists' : 'MISSING', "\n";
}
$r = new ReflectionClass('SocketIO\Emitter');
echo $r->getName(), ' from extension ', $r->getExtensionName(), "\n";
?>
--EXPECT--
bool(true)
SocketIO\Emitter: exists
SocketIO\Binary: exists
SocketIO\Exception: exists
SocketIO\Emitter from extension socketio_emitter
