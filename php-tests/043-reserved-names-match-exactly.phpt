--TEST--
Reserved names are matched exactly (as the Node emitter's Set does): 'Connect', 'connect ' and 'disconnected' are published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
foreach (['Connect', 'connect ', 'disconnected', 'newlistener'] as $ev) {
    $t = sio_catch(fn() => $e->emit($ev));
    echo json_encode($ev), ': ', sio_describe($t), "\n";
}
sio_show_all($sub->collect());
?>
--EXPECT--
"Connect": no exception
"connect ": no exception
"disconnected": no exception
"newlistener": no exception
4 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["Connect"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["connect "],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["disconnected"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["newlistener"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
