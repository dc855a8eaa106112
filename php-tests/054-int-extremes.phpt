--TEST--
PHP_INT_MAX is uint64 (cf), PHP_INT_MIN int64 (d3); width boundaries around 2^31/2^32/2^63
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', PHP_INT_MAX, PHP_INT_MIN, 2147483647, 2147483648, -2147483648, -2147483649,
    4294967295, 4294967296, -32, -33, 127, 128, PHP_INT_MIN + 1, -0);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
cf7fffffffffffffff  9223372036854775807
d38000000000000000  -9223372036854775808
ce7fffffff  2147483647
ce80000000  2147483648
d280000000  -2147483648
d3ffffffff7fffffff  -2147483649
ceffffffff  4294967295
cf0000000100000000  4294967296
e0  -32
d0df  -33
7f  127
cc80  128
d38000000000000001  -9223372036854775807
00  0
