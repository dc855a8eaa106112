--TEST--
"List" means array_is_list(): keys 0..n-1 in order, however the array was built (hash, popped, re-keyed)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$popped = [1, 2, 3];
unset($popped[2]);                          // keys 0,1: still a list
$hashBuilt = ['x' => 0];
unset($hashBuilt['x']);
$hashBuilt[0] = 'a';                        // hash table with keys 0,1 in order
$hashBuilt[1] = 'b';
$reordered = [1 => 'b', 0 => 'a'];
ksort($reordered);                          // now 0,1 in order
$stringZero = ['0' => 'a', '1' => 'b'];      // PHP turns "0"/"1" into int keys
$notList = [0 => 'a', 2 => 'c'];
$cases = [$popped, $hashBuilt, $reordered, $stringZero, $notList];
$e->emit('ev', ...$cases);
foreach (mp_args_raw($sub->one()['payload']) as $i => $raw) {
    printf("%s array_is_list=%s\n", mp_dump($raw), var_export(array_is_list($cases[$i]), true));
}
?>
--EXPECT--
[1,2] array_is_list=true
["a","b"] array_is_list=true
["a","b"] array_is_list=true
["a","b"] array_is_list=true
{"0":"a","2":"c"} array_is_list=false
