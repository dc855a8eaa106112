--TEST--
A room array element that is not a string or int is rejected (TypeError or SocketIO\Exception naming it), nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$cases = [
    'float'  => [[1.5], ['float', 'double']],
    'null'   => [['a', null], ['null', 'NULL']],
    'array'  => [['a', ['nested']], ['array']],
    'object' => [[new stdClass()], ['stdClass', 'object']],
    'bool'   => [[true], ['bool', 'true']],
];
foreach ($cases as $label => [$rooms, $words]) {
    foreach (['to', 'in', 'except'] as $m) {
        $t = sio_catch(function () use ($e, $m, $rooms) { $e->$m($rooms)->emit('ev', 'must-not-arrive'); });
        $ok = $t instanceof TypeError || $t instanceof SocketIO\Exception;
        $named = false;
        if ($t) {
            foreach ($words as $w) { $named = $named || str_contains($t->getMessage(), $w); }
        }
        printf("%s %s: %s%s\n", $m, $label, $ok ? 'rejected' : 'NOT REJECTED: ' . sio_describe($t),
            $ok && !$named ? ' BUT MESSAGE DOES NOT NAME THE TYPE: ' . $t->getMessage() : '');
    }
}
sio_show_all($sub->collect());
?>
--EXPECT--
to float: rejected
in float: rejected
except float: rejected
to null: rejected
in null: rejected
except null: rejected
to array: rejected
in array: rejected
except array: rejected
to object: rejected
in object: rejected
except object: rejected
to bool: rejected
in bool: rejected
except bool: rejected
0 message(s)
