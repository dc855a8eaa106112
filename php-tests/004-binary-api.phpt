--TEST--
SocketIO\Binary: constructor(string $bytes) and bytes(): string round-trip any bytes
--FILE--
<?php
$r = new ReflectionClass('SocketIO\Binary');
$c = $r->getConstructor();
echo 'ctor: ', implode(', ', array_map(fn($p) => $p->getType() . ' $' . $p->getName(), $c->getParameters())), "\n";
$b = $r->getMethod('bytes');
echo 'bytes(): ', $b->getReturnType(), ' params=', $b->getNumberOfParameters(), "\n";
foreach (["\x01\x02\x03", '', "\xff\xfe\x00\x80 not utf8 \xc3", str_repeat("\0", 70000)] as $s) {
    $bin = new SocketIO\Binary($s);
    var_dump($bin->bytes() === $s);
}
var_dump(strlen((new SocketIO\Binary(random_bytes(1000)))->bytes()));
?>
--EXPECT--
ctor: string $bytes
bytes(): string params=0
bool(true)
bool(true)
bool(true)
bool(true)
int(1000)
