--TEST--
Re-entrant use: emit() called from inside jsonSerialize() during another emit works (no panic, both messages, inner first)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class Inner implements JsonSerializable {
    public function __construct(private SocketIO\Emitter $e) {}
    public function jsonSerialize(): mixed {
        $n = $this->e->to('inner-room')->emit('inner', 'from jsonSerialize');
        return 'inner returned ' . ($n >= 1 ? '>=1' : $n);
    }
}
$e = sio_emitter();
$sub = new SioSub();
$t = sio_catch(fn() => $e->emit('outer', new Inner($e)));
echo sio_describe($t), "\n";
sio_show_all($sub->collect());
?>
--EXPECT--
no exception
2 message(s)
socket.io#/#inner-room#
  ["emitter",{"type":2,"data":["inner","from jsonSerialize"],"nsp":"/"},{"rooms":["inner-room"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["outer","inner returned >=1"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
