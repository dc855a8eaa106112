--TEST--
Emitter and Binary are final; SocketIO\Exception is a non-final RuntimeException
--FILE--
<?php
foreach (['SocketIO\Emitter', 'SocketIO\Binary', 'SocketIO\Exception'] as $c) {
    $r = new ReflectionClass($c);
    printf("%s final=%s abstract=%s interface=%s\n", $c, var_export($r->isFinal(), true),
        var_export($r->isAbstract(), true), var_export($r->isInterface(), true));
}
$r = new ReflectionClass('SocketIO\Exception');
echo 'parent: ', $r->getParentClass()->getName(), "\n";
$e = new SocketIO\Exception('boom', 7);
var_dump($e instanceof RuntimeException, $e instanceof Exception, $e->getMessage(), $e->getCode());
// user code can extend it
class MyEx extends SocketIO\Exception {}
var_dump(new MyEx('x') instanceof SocketIO\Exception);
try {
    throw new SocketIO\Exception('thrown');
} catch (RuntimeException $t) {
    echo get_class($t), ': ', $t->getMessage(), "\n";
}
?>
--EXPECT--
SocketIO\Emitter final=true abstract=false interface=false
SocketIO\Binary final=true abstract=false interface=false
SocketIO\Exception final=false abstract=false interface=false
parent: RuntimeException
bool(true)
bool(true)
string(4) "boom"
int(7)
bool(true)
SocketIO\Exception: thrown
