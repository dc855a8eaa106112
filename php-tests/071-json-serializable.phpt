--TEST--
JsonSerializable objects are replaced by their jsonSerialize() result, itself encoded by the same rules
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class Money implements JsonSerializable {
    public $ignored = 'public prop not used';
    public function __construct(private int $cents, private string $cur) {}
    public function jsonSerialize(): mixed { return ['amount' => $this->cents / 100, 'currency' => $this->cur]; }
}
final class Wrap implements JsonSerializable {
    public function __construct(private mixed $v) {}
    public function jsonSerialize(): mixed { return $this->v; }
}
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev',
    new Money(1250, 'EUR'),
    new Wrap('scalar'),
    new Wrap(42),
    new Wrap(null),
    new Wrap([1, 2]),
    new Wrap(new Wrap(['nested' => true])),                 // result is itself JsonSerializable
    new Wrap(['bin' => new SocketIO\Binary("\x00\x01"), 'when' => new DateTimeImmutable('2026-11-22T03:14:35.123Z')]),
    new Wrap([]),
    new Wrap(new stdClass())
);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
82a6616d6f756e74cb4029000000000000a863757272656e6379a3455552  {"amount":f64:12.5,"currency":"EUR"}
a67363616c6172  "scalar"
2a  42
c0  nil
920102  [1,2]
81a66e6573746564c3  {"nested":true}
82a362696ec4020001a47768656eb8323032362d31312d32325430333a31343a33352e3132335a  {"bin":bin:0001,"when":"2026-11-22T03:14:35.123Z"}
90  []
80  {}
