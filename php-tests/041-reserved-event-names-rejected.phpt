--TEST--
emit() rejects the reserved event names with SocketIO\Exception naming the event; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
foreach (['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'] as $ev) {
    foreach ([$e, $e->to('room1'), $e->of('/admin')->volatile()] as $i => $em) {
        $t = sio_catch(fn() => $em->emit($ev, 'x'));
        printf("%s #%d: %s%s\n", $ev, $i, sio_describe($t),
            $t && !str_contains($t->getMessage(), $ev) ? ' (MESSAGE DOES NOT NAME THE EVENT: ' . $t->getMessage() . ')' : '');
    }
}
sio_show_all($sub->collect());
?>
--EXPECT--
connect #0: SocketIO\Exception
connect #1: SocketIO\Exception
connect #2: SocketIO\Exception
connect_error #0: SocketIO\Exception
connect_error #1: SocketIO\Exception
connect_error #2: SocketIO\Exception
disconnect #0: SocketIO\Exception
disconnect #1: SocketIO\Exception
disconnect #2: SocketIO\Exception
disconnecting #0: SocketIO\Exception
disconnecting #1: SocketIO\Exception
disconnecting #2: SocketIO\Exception
newListener #0: SocketIO\Exception
newListener #1: SocketIO\Exception
newListener #2: SocketIO\Exception
removeListener #0: SocketIO\Exception
removeListener #1: SocketIO\Exception
removeListener #2: SocketIO\Exception
0 message(s)
