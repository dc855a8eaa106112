--TEST--
SocketIO\Emitter public methods have the signatures fixed by the issue (Reflection)
--FILE--
<?php
function type_str(?ReflectionType $t): string
{
    if ($t === null) return '(none)';
    if ($t instanceof ReflectionNamedType) {
        $n = $t->getName();
        return ($t->allowsNull() && $n !== 'mixed' && $n !== 'null') ? "?$n" : $n;
    }
    // union: canonical, sorted, so that the generator's member order does not matter
    $parts = array_map(fn($x) => $x->getName(), $t->getTypes());
    sort($parts);
    return implode('|', $parts);
}
$r = new ReflectionClass('SocketIO\Emitter');
foreach (['__construct', 'of', 'in', 'to', 'except', 'volatile', 'compress', 'emit'] as $m) {
    if (!$r->hasMethod($m)) { echo "$m: MISSING\n"; continue; }
    $rm = $r->getMethod($m);
    $ps = [];
    foreach ($rm->getParameters() as $p) {
        $s = type_str($p->getType()) . ' ' . ($p->isVariadic() ? '...' : '') . '$' . $p->getName();
        if ($p->isOptional() && !$p->isVariadic()) {
            $s .= $p->isDefaultValueAvailable() ? ' = ' . var_export($p->getDefaultValue(), true) : ' = ?';
        }
        $ps[] = $s;
    }
    printf("%s%s(%s)%s\n", $rm->isPublic() ? 'public ' : 'NOT PUBLIC ', $m, implode(', ', $ps),
        $m === '__construct' ? '' : ': ' . type_str($rm->getReturnType()));
}
?>
--EXPECT--
public __construct(array|null|string $options = NULL)
public of(string $nsp): SocketIO\Emitter
public in(array|int|string $rooms): SocketIO\Emitter
public to(array|int|string $rooms): SocketIO\Emitter
public except(array|int|string $rooms): SocketIO\Emitter
public volatile(): SocketIO\Emitter
public compress(bool $compress = true): SocketIO\Emitter
public emit(string $event, mixed ...$args): bool|int
