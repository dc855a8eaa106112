--TEST--
PHP references are followed: the referenced value (as of emit time) is sent
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$x = 1;
$arr = ['a' => &$x, 'list' => [&$x, &$x]];
$x = 2;
$obj = new stdClass();
$obj->p = &$x;
$list = [10, 20];
foreach ($list as &$item) { $item *= 2; }   // leaves $list[1] as a reference
$args = ['r1', 'r2'];
$ref = &$args[0];
$ref = 'changed';
$e->emit('ev', $arr, $obj, $list, ...$args);
unset($item);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
82a16102a46c697374920202  {"a":2,"list":[2,2]}
81a17002  {"p":2}
921428  [20,40]
a76368616e676564  "changed"
a27232  "r2"
