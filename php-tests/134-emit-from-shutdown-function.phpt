--TEST--
emit() works from a shutdown function (frameworks flush events there), opening the connection lazily at that point
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
register_shutdown_function(function () use ($e) {
    $n = $e->to('late')->emit('ev', 'from-shutdown');
    echo 'emit in shutdown returned >= 1: ', var_export($n >= 1, true), "\n";
});
register_shutdown_function(function () use ($sub) { sio_show_all($sub->collect()); });
echo "end of script\n";
?>
--EXPECT--
end of script
emit in shutdown returned >= 1: true
1 message(s)
socket.io#/#late#
  ["emitter",{"type":2,"data":["ev","from-shutdown"],"nsp":"/"},{"rooms":["late"],"flags":{},"except":[]}]
