--TEST--
Properties changed by PHP code run during the encoding (jsonSerialize, a temporary's __destruct, a DateTime::format() override) never make a map count differ from its entries: every published payload decodes
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
class P { public $a; public int $b; public $c = 'c'; }
// Initialises the uninitialised typed $b while $p's properties are being written.
class Init implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { $this->p->b = 5; return 1; } }
// Unsets declared properties.
class Unset_ implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { unset($this->p->b, $this->p->c); return 2; } }
// jsonSerialize() returns a temporary whose destructor (run once it has been written) unsets them.
class Tmp { function __construct(private P $p) {} function __destruct() { unset($this->p->b, $this->p->c); } }
class GivesTmp implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { return new Tmp($this->p); } }
class InitTmp { function __construct(private P $p) {} function __destruct() { $this->p->b = 7; } }
class GivesInitTmp implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { return [new InitTmp($this->p)]; } }
// A DateTime subclass whose format() changes the object being encoded.
class D extends DateTimeImmutable { public ?P $p = null;
    function format(string $f): string { if ($this->p) { $this->p->b = 9; unset($this->p->c); } return parent::format($f); } }

function make(string $kind): P {
    $p = new P;
    switch ($kind) {
        case 'init': $p->a = new Init($p); break;
        case 'unset': $p->b = 1; $p->a = new Unset_($p); break;
        case 'destruct-unset': $p->b = 1; $p->a = new GivesTmp($p); break;
        case 'destruct-init': $p->a = new GivesInitTmp($p); break;
        case 'date': $d = new D('@0'); $d->p = $p; $p->a = $d; break;
    }
    return $p;
}
$e = sio_emitter();
foreach (['init', 'unset', 'destruct-unset', 'destruct-init', 'date'] as $kind) {
    $sub = new SioSub();
    $p = make($kind);
    $t = sio_catch(fn() => $e->emit('ev', $p, 'after'));
    $msgs = $sub->collect();
    echo $kind, ': ', $t ? get_class($t) . ' ' . $t->getMessage() : 'sent', ', ', count($msgs), " message(s)\n";
    foreach ($msgs as $m) {
        echo '  ', mp_dump($m['payload']), "\n";
    }
}
echo "alive\n";
?>
--EXPECT--
init: sent, 1 message(s)
  ["emitter",{"type":2,"data":["ev",{"a":1,"c":"c"},"after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
unset: sent, 1 message(s)
  ["emitter",{"type":2,"data":["ev",{"a":2,"b":1,"c":"c"},"after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
destruct-unset: sent, 1 message(s)
  ["emitter",{"type":2,"data":["ev",{"a":{},"b":1,"c":"c"},"after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
destruct-init: sent, 1 message(s)
  ["emitter",{"type":2,"data":["ev",{"a":[{}],"c":"c"},"after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
date: sent, 1 message(s)
  ["emitter",{"type":2,"data":["ev",{"a":"1970-01-01T00:00:00.000Z","c":"c"},"after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
alive
