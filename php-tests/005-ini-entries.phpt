--TEST--
php.ini entries socketio_emitter.dsn and socketio_emitter.prefix exist; prefix defaults to socket.io
--FILE--
<?php
$ext = new ReflectionExtension('socketio_emitter');
$ini = $ext->getINIEntries();
var_dump(array_key_exists('socketio_emitter.dsn', $ini));
var_dump(array_key_exists('socketio_emitter.prefix', $ini));
var_dump(ini_get('socketio_emitter.prefix'));
?>
--EXPECT--
bool(true)
bool(true)
string(9) "socket.io"
