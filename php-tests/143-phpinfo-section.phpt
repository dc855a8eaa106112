--TEST--
php --ri / phpinfo() has a socketio_emitter section with its version, and never shows the password of the ini DSN
--INI--
socketio_emitter.dsn=redis://user:InfoS3cretPw@127.0.0.1:1/0
--FILE--
<?php
$ext = new ReflectionExtension('socketio_emitter');
ob_start();
$ext->info();
$info = ob_get_clean();
var_dump(str_contains($info, 'socketio_emitter'));
var_dump($ext->getVersion() !== null && $ext->getVersion() !== '' && str_contains($info, $ext->getVersion()));
ob_start();
phpinfo(INFO_MODULES | INFO_CONFIGURATION);
$all = ob_get_clean();
var_dump(str_contains($all, 'socketio_emitter'));
echo 'password shown: ', var_export(str_contains($info . $all, 'InfoS3cretPw'), true), "\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
password shown: false
