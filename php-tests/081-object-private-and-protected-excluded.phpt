--TEST--
Objects of user classes: only public (non-static) properties are sent, declared ones first (parent before child, as json_encode) then dynamic ones
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
#[AllowDynamicProperties]
class User {
    public static $count = 99;
    private $password = 'hunter2';
    protected $internal = 'no';
    public $id = 7;
    public ?string $name = 'Ann';
    public function __construct() { $this->dynamic = 'yes'; }
}
class Admin extends User { public $level = 3; private $secret2 = 's'; }
final class OnlyPrivate { private $a = 1; protected $b = 2; }
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', new User(), new Admin(), new OnlyPrivate());
$p = $sub->one()['payload'];
foreach (mp_args_raw($p) as $raw) { echo mp_dump($raw), "\n"; }
var_dump(str_contains($p, 'hunter2'), str_contains($p, 'internal'), str_contains($p, 'secret2'));
?>
--EXPECT--
{"id":7,"name":"Ann","dynamic":"yes"}
{"id":7,"name":"Ann","level":3,"dynamic":"yes"}
{}
bool(false)
bool(false)
bool(false)
