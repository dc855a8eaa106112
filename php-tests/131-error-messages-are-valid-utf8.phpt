--TEST--
Exception messages are always valid UTF-8 (an invalid key/room/event is not echoed raw), so loggers can json_encode them
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$cases = [
    'map key'     => fn() => $e->emit('ev', ["bad\xff\xfekey" => 1]),
    'nested key'  => fn() => $e->emit('ev', ['ok' => ["k\xc3" => 1]]),
    'prop name'   => fn() => $e->emit('ev', (object)["p\xff" => NAN]),
    'value'       => fn() => $e->emit('ev', "v\xff"),
    'room'        => fn() => $e->to("r\xff")->emit('ev'),
    'event'       => fn() => $e->emit("e\xff"),
    'option key'  => fn() => new SocketIO\Emitter(['dsn' => sio_dsn(), "opt\xff" => 1]),
    'dsn'         => fn() => (new SocketIO\Emitter("redis://h\xff:1"))->emit('ev'),
];
foreach ($cases as $label => $f) {
    $t = sio_catch($f);
    printf("%s: %s, valid UTF-8: %s\n", $label, $t ? 'thrown' : 'NOT THROWN',
        $t && preg_match('//u', $t->getMessage()) ? 'yes' : 'NO ' . ($t ? bin2hex($t->getMessage()) : ''));
}
?>
--EXPECT--
map key: thrown, valid UTF-8: yes
nested key: thrown, valid UTF-8: yes
prop name: thrown, valid UTF-8: yes
value: thrown, valid UTF-8: yes
room: thrown, valid UTF-8: yes
event: thrown, valid UTF-8: yes
option key: thrown, valid UTF-8: yes
dsn: thrown, valid UTF-8: yes
