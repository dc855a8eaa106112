--TEST--
Every PHP float is float64 (cb) even when integral, negative zero or huge (no notepack truncation bug)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', 1.0, 2.0, -3.0, 0.0, -0.0, 1.0E21, PHP_FLOAT_MAX, -PHP_FLOAT_MAX, PHP_FLOAT_MIN, PHP_FLOAT_EPSILON, 0.1, 9007199254740993.0);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
cb3ff0000000000000  f64:1.0
cb4000000000000000  f64:2.0
cbc008000000000000  f64:-3.0
cb0000000000000000  f64:0.0
cb8000000000000000  f64:-0.0
cb444b1ae4d6e2ef50  f64:1.0E+21
cb7fefffffffffffff  f64:1.7976931348623157E+308
cbffefffffffffffff  f64:-1.7976931348623157E+308
cb0010000000000000  f64:2.2250738585072014E-308
cb3cb0000000000000  f64:2.220446049250313E-16
cb3fb999999999999a  f64:0.1
cb4340000000000000  f64:9007199254740992.0
