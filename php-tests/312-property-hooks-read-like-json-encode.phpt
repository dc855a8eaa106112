--TEST--
PHP 8.4 property hooks: objects are sent as json_encode shows them: get hooks are called, virtual properties with a get hook included, set-only virtual ones and non-public ones left out; a throwing hook propagates its exception and nothing is sent
--SKIPIF--
<?php if (PHP_VERSION_ID < 80400) die('skip needs PHP 8.4 (property hooks)'); ?>
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// Hooks are PHP 8.4 syntax: compiled at run time, so that older PHP can parse this file for --SKIPIF--.
eval(<<<'PHP'
#[AllowDynamicProperties]
class Hooked {
    public $v { get => 'V'; }
    public $b = 'b' { get => strtoupper($this->b); }
    public int $plain = 1;
    public $onlySet { set { $this->plain = (int)$value; } }
    public $doubled { set { $this->doubled = $value * 2; } }
    protected $p { get => 'protected'; }
    private $q = 'private';
    public function __construct() { $this->doubled = 5; }
}
final class Throws { public $x { get => throw new DomainException('hook failed'); } }
PHP);
$e = sio_emitter();
$o = new Hooked();
$o->dyn = 'dynamic';
foreach (['object' => $o, 'nested' => ['list' => [$o, $o], 'k' => $o]] as $label => $v) {
    $sub = new SioSub();
    $e->emit('ev', $v);
    $msgs = $sub->collect();
    $sent = count($msgs) === 1 ? mp_text(mp_decode(mp_args_raw($msgs[0]['payload'])[0])) : null;
    echo "$label: ", $sent, $sent === json_encode($v) ? ' (equal to json_encode)' : ' DIFFERENT from ' . json_encode($v), "\n";
}
$sub = new SioSub();
try {
    $e->emit('ev', ['ok' => 1, 'bad' => new Throws()]);
    echo "sent\n";
} catch (Throwable $t) {
    echo get_class($t), ': ', $t->getMessage(), "\n";
}
echo count($sub->collect()), " message(s) published\n";
?>
--EXPECT--
object: {"v":"V","b":"B","plain":1,"doubled":10,"dyn":"dynamic"} (equal to json_encode)
nested: {"list":[{"v":"V","b":"B","plain":1,"doubled":10,"dyn":"dynamic"},{"v":"V","b":"B","plain":1,"doubled":10,"dyn":"dynamic"}],"k":{"v":"V","b":"B","plain":1,"doubled":10,"dyn":"dynamic"}} (equal to json_encode)
DomainException: hook failed
0 message(s) published
