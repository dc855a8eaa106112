--TEST--
If Redis closes the emitter's connection (CLIENT KILL), the next emits reconnect: at most one SocketIO\Exception, then delivery resumes
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$admin = new RespClient();
$myId = $admin->command('CLIENT', 'ID');
$e = sio_emitter();
$e->emit('warmup', 1);
$killed = 0;
foreach (explode("\n", trim($admin->command('CLIENT', 'LIST'))) as $line) {
    if (preg_match('/\bid=(\d+)\b.*\bcmd=publish\b/', $line, $m) && (int)$m[1] !== $myId) {
        $admin->command('CLIENT', 'KILL', 'ID', $m[1]);
        $killed++;
    }
}
echo 'killed: ', $killed >= 1 ? 'yes' : 'NO', "\n";
$sub = new SioSub();
$first = sio_catch(fn() => $e->emit('ev', 'first'));
echo 'first emit after kill: ', $first === null || $first instanceof SocketIO\Exception ? 'ok or SocketIO\Exception' : get_class($first), "\n";
$second = sio_catch(fn() => $e->emit('ev', 'second'));
echo 'second emit: ', sio_describe($second), "\n";
$msgs = $sub->collect();
$last = end($msgs);
echo $last ? mp_dump($last['payload']) : 'nothing arrived', "\n";
?>
--EXPECT--
killed: yes
first emit after kill: ok or SocketIO\Exception
second emit: no exception
["emitter",{"type":2,"data":["ev","second"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
