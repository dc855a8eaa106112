<?php
// The PHP half of hostile.js: ONE case of PHP code that changes what is being
// encoded while it is encoded, or an event with many binaries. Prints
// "@@ {json}" with emit()'s return value or the exception message.
//
//   php -n -d extension=... -d socketio_emitter.dsn=redis://127.0.0.1:PORT hostile.php CASE

declare(strict_types=1);

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

class P { public $a; public int $b; public $c = 'c'; }
class Init implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { $this->p->b = 5; return 1; } }
class Unset_ implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { unset($this->p->b, $this->p->c); return 2; } }
class Tmp { function __construct(private P $p) {} function __destruct() { unset($this->p->b, $this->p->c); } }
class GivesTmp implements JsonSerializable { function __construct(private P $p) {}
    function jsonSerialize(): mixed { return new Tmp($this->p); } }
class D extends DateTimeImmutable { public ?P $p = null;
    function format(string $f): string { if ($this->p) { $this->p->b = 9; unset($this->p->c); } return parent::format($f); } }

$case = $argv[1] ?? '';
$out = ['case' => $case];
try {
    $e = new SocketIO\Emitter();
    $p = new P;
    switch ($case) {
        case 'init': $p->a = new Init($p); break;
        case 'unset': $p->b = 1; $p->a = new Unset_($p); break;
        case 'destruct': $p->b = 1; $p->a = new GivesTmp($p); break;
        case 'date': $d = new D('@0'); $d->p = $p; $p->a = $d; break;
    }
    if (str_starts_with($case, 'bins')) {
        [, $n, $limit] = explode('_', $case);   // bins_<count>_<max_attachments|default>
        $bins = array_map(fn($i) => new SocketIO\Binary(chr($i)), range(1, (int)$n));
        $e = $limit === 'default' ? $e : new SocketIO\Emitter(['dsn' => ini_get('socketio_emitter.dsn'), 'max_attachments' => (int)$limit]);
        $out['ret'] = $e->emit("h_$case", ...$bins);
    } else {
        $out['ret'] = $e->emit("h_$case", $p, 'after');
    }
} catch (Throwable $t) {
    $out['error'] = get_class($t) . ': ' . $t->getMessage();
}
echo '@@ ', json_encode($out), "\n";
