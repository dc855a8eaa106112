--TEST--
Non-list arrays become maps: int keys as decimal strings (msgpack str), insertion order kept
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$holes = [10, 20, 30];
unset($holes[1]);
$shifted = [1 => 'a', 2 => 'b'];
$e->emit('ev',
    [1 => 'a', 0 => 'b'],          // out of order: not a list
    $shifted,                      // does not start at 0
    [5 => 'x'],
    [-3 => 'neg'],
    $holes,                        // 0, 2
    ['a' => 1, 0 => 2],
    ['01' => 'string key stays', '1' => 'int key 1'],
    [PHP_INT_MAX => 'max']
);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
82a131a161a130a162  {"1":"a","0":"b"}
82a131a161a132a162  {"1":"a","2":"b"}
81a135a178  {"5":"x"}
81a22d33a36e6567  {"-3":"neg"}
82a1300aa1321e  {"0":10,"2":30}
82a16101a13002  {"a":1,"0":2}
82a23031b0737472696e67206b6579207374617973a131a9696e74206b65792031  {"01":"string key stays","1":"int key 1"}
81b339323233333732303336383534373735383037a36d6178  {"9223372036854775807":"max"}
