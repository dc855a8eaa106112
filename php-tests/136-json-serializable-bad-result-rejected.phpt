--TEST--
A jsonSerialize() result containing an unsendable value is rejected like any other value; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class Ret implements JsonSerializable {
    public function __construct(private mixed $v) {}
    public function jsonSerialize(): mixed { return $this->v; }
}
$e = sio_emitter();
$sub = new SioSub();
foreach (['NAN' => NAN, 'resource' => fopen('php://memory', 'r'), 'invalid UTF-8' => ['s' => "\xff"],
          'closure' => [fn() => 1]] as $label => $v) {
    $t = sio_catch(fn() => $e->emit('ev', 'ok', new Ret($v)));
    printf("%s: %s, path names \$args[1]: %s\n", $label, sio_describe($t), $t && str_contains($t->getMessage(), '$args[1]') ? 'yes' : 'NO');
}
sio_show_all($sub->collect());
?>
--EXPECT--
NAN: SocketIO\Exception, path names $args[1]: yes
resource: SocketIO\Exception, path names $args[1]: yes
invalid UTF-8: SocketIO\Exception, path names $args[1]: yes
closure: SocketIO\Exception, path names $args[1]: yes
0 message(s)
