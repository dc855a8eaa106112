<?php
// Property test, PHP side: builds random values, computes what the README's
// type table says each must arrive as, emits it, and tells check.js both.
//
//   php gen.php SEED FIRST COUNT          values FIRST .. FIRST+COUNT-1 (driven by check.js)
//   php gen.php SEED sample I,J,K         those values, to room 'sample' as emit('prop', i, v)
//   php gen.php SEED show I               replay one value: print it, its expectation, emit it
//
// Value i is built from mt_srand(item_seed(SEED, i)) alone, so it is the same
// whatever the chunking, and is rebuilt twice: one copy goes through the model
// below (which calls jsonSerialize() in the order the encoder does, so mutating
// implementations mutate the model's copy the same way), the other is emitted.
//
// Protocol on stdout (one line each):
//   E {"i":..,"kind":..,"exp":<tagged JSON>|null,"mustThrow":..,"threw":null|"Class: message"}
//   S <i>   all values up to i were emitted; wait for a line on stdin (check.js
//           answers once their messages arrived: that paces us to the subscriber)
// Tagged JSON: {"$bin":"<hex>"} a SocketIO\Binary, {"$date":"<U.u>"} a date
// (check.js applies JS Date.toJSON()).
declare(strict_types=1);

const MAX_DEPTH = 512; // README: nesting > 512 throws

final class GenError extends RuntimeException {}
/** The model's verdict: the README says this value cannot be sent. */
final class Unencodable extends Exception {}

function item_seed(int $seed, int $i): int
{
    return (int) hexdec(hash('crc32b', "$seed/$i"));
}

// ---------------------------------------------------------------------------
// Classes the generator uses.

class Plain { public $a = 1; public $b = 'two'; public $c; }
class Vis { public $pub = 'p'; protected $prot = 'hidden'; private $priv = 'hidden'; public $tail = null; }
class VisChild extends Vis { public $child = 'c'; private $priv2 = 'hidden'; }
class Typed
{
    public int $n;
    public ?string $s;
    public array $list = [];
    public $untyped;
    public int $late;
    public function __construct(bool $initN) { if ($initN) { $this->n = 7; } }
}
enum Suit: string { case Hearts = 'H'; case Spades = 'S'; case Empty = ''; }
enum Level: int { case Low = -129; case High = 65536; case Max = PHP_INT_MAX; }
enum Pure { case One; case Two; }
enum JsBacked: string implements JsonSerializable
{
    case A = 'a-value';
    public function jsonSerialize(): mixed { return ['from' => 'jsonSerialize', 'case' => $this->name]; }
}
enum JsPure implements JsonSerializable
{
    case P;
    public function jsonSerialize(): mixed { return 'pure-json'; }
}
/** Returns a value fixed at construction. */
final class Js implements JsonSerializable
{
    public $visible = 'not sent: jsonSerialize() wins';
    public function __construct(private mixed $ret) {}
    public function jsonSerialize(): mixed { return $this->ret; }
}
final class JsThrows implements JsonSerializable
{
    public function jsonSerialize(): mixed { throw new GenError('jsonSerialize() failed on purpose'); }
}
/** Returns itself (or an array holding itself): recursion through jsonSerialize(). */
final class JsSelf implements JsonSerializable
{
    public function jsonSerialize(): mixed { return [$this]; }
}
/**
 * Mutates, while it is being encoded, the object or array that contains it.
 * Its own properties are private: jsonSerialize() is what is sent.
 */
final class Mutator implements JsonSerializable
{
    private $arr;
    public function __construct(private ?object $target, private string $action, private string $prop, private mixed $ret) {}
    public function bindArray(array &$arr): void { $this->arr = &$arr; }
    public function jsonSerialize(): mixed
    {
        switch ($this->action) {
            case 'unset': unset($this->target->{$this->prop}); break;
            case 'init': $this->target->{$this->prop} = 4242; break;
            case 'set-dynamic': $this->target->{$this->prop} = 'changed'; break;
            case 'push': $this->arr[] = 'pushed'; $this->arr['new'] = 'added'; break;
            case 'unset-key': unset($this->arr[$this->prop]); break;
            case 'replace': $this->arr = ['replaced' => true]; break;
            case 'prop-array': $this->target->{$this->prop}[] = 'pushed'; unset($this->target->{$this->prop}[0]); break;
            case 'temp': return new TempWithDestructor($this->target, $this->prop, $this->ret);
        }
        return $this->ret;
    }
}
/** A temporary returned by jsonSerialize(): freed after it was encoded, its destructor unsets a property of the parent. */
final class TempWithDestructor
{
    public $payload;
    public function __construct(private ?object $target, private string $prop, mixed $payload) { $this->payload = $payload; }
    public function __destruct() { if ($this->target !== null) { unset($this->target->{$this->prop}); } }
}
class Parent4 { public $a; public $b; public $c; public $d; }
class ParentTyped { public $first; public $m; public int $late; public ?array $later; public $last = 'last'; }

// ---------------------------------------------------------------------------
// The generator. Everything random comes from mt_rand() after mt_srand().

final class Gen
{
    /** What this value contains that is worth counting apart (README.md: kinds). */
    public array $tags = [];

    private function tag(string $t): void { $this->tags[$t] = true; }
    public function kind(): string
    {
        $t = array_keys($this->tags);
        sort($t);
        return $t ? implode('+', $t) : 'plain';
    }

    const INTS = [0, 1, -1, 127, 128, -32, -33, 255, 256, -128, -129, 32767, 32768, -32768, -32769,
        65535, 65536, 2147483647, 2147483648, -2147483648, -2147483649, 4294967295, 4294967296,
        PHP_INT_MAX, PHP_INT_MIN, PHP_INT_MAX - 1, PHP_INT_MIN + 1, 9007199254740991, 9007199254740993, -9007199254740993];
    const LENGTHS = [0, 1, 15, 16, 31, 32, 255, 256];
    /** str16/str32, bin16/bin32, array16/array32, map16/map32 boundaries: big, so rarer. */
    const BIG_LENGTHS = [65535, 65536];
    const KEYS = ['a', 'b', 'key', 'ключ', '键', '', ' ', '0', '1', '01', '-1', '-0', '1.5', ' 1', '1e3', '00',
        '9223372036854775807', '9223372036854775808', '-9223372036854775808', 'length', 'constructor', "nul\0key", 'emoji😀'];

    private function pick(array $xs): mixed { return $xs[mt_rand(0, count($xs) - 1)]; }
    private function chance(int $percent): bool { return mt_rand(1, 1000) <= $percent * 10; }
    /** Unsendable pieces are kept rare: one of them makes the whole value throw. */
    private function permille(int $n): bool { return mt_rand(1, 1000) <= $n; }

    public function value(int $depth = 0): mixed
    {
        // Containers get rarer with depth so values stay small on average.
        $r = mt_rand(1, 100);
        if ($depth >= 8 || $r <= 35 + 6 * $depth) {
            return $this->leaf();
        }
        return match (true) {
            $r <= 60 => $this->listOf($depth),
            $r <= 78 => $this->mapOf($depth),
            $r <= 90 => $this->object($depth),
            $r <= 94 => new Js($this->value($depth + 1)),
            default => $this->withReferences($depth),
        };
    }

    private function leaf(): mixed
    {
        $r = mt_rand(1, 100);
        return match (true) {
            $r <= 8 => null,
            $r <= 14 => (bool) mt_rand(0, 1),
            $r <= 30 => $this->int(),
            $r <= 42 => $this->float(),
            $r <= 72 => $this->string(),
            $r <= 78 => new SocketIO\Binary($this->bytes($this->length())),
            $r <= 86 => $this->date(),
            $r <= 93 => $this->enum(),
            $r <= 96 => [],
            default => new stdClass(),
        };
    }

    public function int(): int
    {
        $r = mt_rand(1, 3);
        if ($r === 1) {
            return $this->pick(self::INTS);
        }
        if ($r === 2) {
            $b = $this->pick(self::INTS);
            $d = mt_rand(-2, 2);
            return ($d > 0 && $b > PHP_INT_MAX - $d) || ($d < 0 && $b < PHP_INT_MIN - $d) ? $b : $b + $d;
        }
        return mt_rand(PHP_INT_MIN, PHP_INT_MAX) >> mt_rand(0, 63);
    }

    public function float(): float
    {
        if ($this->permille(5)) {
            $this->tag('non-finite');
            return $this->pick([NAN, INF, -INF]);
        }
        return $this->pick([
            fn() => 0.0, fn() => -0.0, fn() => 1.0, fn() => 0.1, fn() => -1.5, fn() => 1e21, fn() => 1e-7,
            fn() => 5e-324, fn() => -5e-324, fn() => 2.2250738585072014e-308, fn() => PHP_FLOAT_MAX, fn() => -PHP_FLOAT_MAX,
            fn() => 9007199254740992.0, fn() => 9007199254740994.0, fn() => 2.0 ** 63, fn() => -(2.0 ** 63), fn() => 2.0 ** 64,
            fn() => (float) mt_rand(-1000, 1000), fn() => mt_rand() / mt_getrandmax() * 10 ** mt_rand(-30, 30),
            fn() => -mt_rand() / mt_getrandmax() * 10 ** mt_rand(-300, 300),
        ])();
    }

    private function length(): int
    {
        // Width boundaries (fixstr/str8/str16/str32, bin8/16/32) now and then.
        if (!$this->chance(4)) {
            return mt_rand(0, 40);
        }
        return mt_rand(1, 40) === 1 ? $this->pick(self::BIG_LENGTHS) : $this->pick(self::LENGTHS);
    }

    private function bytes(int $n): string
    {
        $s = '';
        for ($i = 0; $i < min($n, 64); $i++) {
            $s .= chr(mt_rand(0, 255));
        }
        return $n <= 64 ? $s : substr(str_repeat($s, intdiv($n, 64) + 1), 0, $n);
    }

    public function string(): string
    {
        if ($this->permille(10)) {
            $this->tag('invalid-utf8');
            return $this->pick(["\xff", "abc\xc3", "\xed\xa0\x80", "\xc0\x80", "ok\xf4\x90\x80\x80", "\x80x", "\xe2\x82"]);
        }
        $r = mt_rand(1, 100);
        if ($r <= 3) {
            return '';
        }
        $n = $this->length();
        $alphabet = $r <= 60 ? ['a', 'b', 'z', ' ', '0', '"', '\\', '/', "\n", "\0", "\t"] : ['a', 'é', '中', '😀', "\u{2028}", "\u{FEFF}", 'ß', "\u{10FFFF}"];
        $s = '';
        while (strlen($s) < $n) {
            $s .= $alphabet[mt_rand(0, count($alphabet) - 1)];
        }
        // Multibyte characters can overshoot: cut back at a character boundary.
        while (strlen($s) > $n && $s !== '') {
            $s = mb_substr_safe($s);
        }
        return $s;
    }

    private function key(): int|string
    {
        $r = mt_rand(1, 100);
        if ($r <= 30) {
            return $this->int() >> mt_rand(0, 63);
        }
        if ($r <= 80) {
            return $this->pick(self::KEYS);
        }
        if ($this->permille(3)) {
            $this->tag('invalid-utf8-key');
            return "k\xff";
        }
        return 'k' . mt_rand(0, 99);
    }

    private function count(): int
    {
        // Array widths: fixarray/array16/array32, fixmap/map16/map32, rarely.
        if ($this->chance(1)) {
            $this->tag('wide');
            return mt_rand(1, 40) === 1 ? $this->pick(self::BIG_LENGTHS) : $this->pick([15, 16, 17, 31, 32, 255, 256]);
        }
        return mt_rand(0, 6);
    }

    private function listOf(int $depth): array
    {
        $n = $this->count();
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $out[] = $n > 100 ? $i : $this->value($depth + 1);
        }
        if ($n > 1 && $this->chance(10)) {
            // A hole or a reordering makes it a map.
            if (mt_rand(0, 1)) { unset($out[mt_rand(0, $n - 1)]); } else { $out = array_reverse($out, true); }
        }
        return $out;
    }

    private function mapOf(int $depth): array
    {
        $n = $this->count();
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $out[$n > 100 ? "k$i" : $this->key()] = $n > 100 ? $i : $this->value($depth + 1);
        }
        return $out;
    }

    private function object(int $depth): object
    {
        switch (mt_rand(1, 6)) {
            case 1:
                $o = new stdClass();
                foreach ($this->mapOf($depth) as $k => $v) { $o->{$k} = $v; }
                return $o;
            case 2:
                $o = new Plain();
                $o->c = $this->value($depth + 1);
                if ($this->chance(20)) { unset($o->a); }
                return $o;
            case 3:
                $o = mt_rand(0, 1) ? new Vis() : new VisChild();
                $o->tail = $this->value($depth + 1);
                return $o;
            case 4:
                $o = new Typed((bool) mt_rand(0, 1));
                if (mt_rand(0, 1)) { $o->s = mt_rand(0, 1) ? null : $this->string(); }
                $o->untyped = $this->value($depth + 1);
                return $o;
            case 5:
                return (object) $this->mapOf($depth);
            default:
                return mt_rand(0, 1) ? new ArrayObject([1, 2]) : new SplStack();
        }
    }

    private function withReferences(int $depth): array
    {
        $this->tag('references');
        $x = $this->value($depth + 1);
        $y = [$this->value($depth + 1)];
        return [&$x, 'again' => &$x, 'arr' => &$y, 'inner' => [&$y]];
    }

    private function date(): DateTimeInterface
    {
        $r = mt_rand(1, 100);
        $tz = new DateTimeZone($this->pick(['UTC', 'Europe/Paris', 'America/St_Johns', 'Asia/Kathmandu', '+14:00', '-12:00']));
        $class = mt_rand(0, 1) ? DateTime::class : DateTimeImmutable::class;
        $micro = sprintf('%06d', mt_rand(0, 999999));
        if ($r <= 60) {
            $ts = mt_rand(-2208988800, 4102444800);
        } elseif ($r <= 90) {
            // Years outside 0..9999 (JS writes +010000 / -000001).
            $ts = $this->pick([-62167219200, -62167219201, 253402300799, 253402300800, -62198755200, mt_rand(-100000000000, 100000000000)]);
        } else {
            // Around and beyond JS's range: +-8.64e15 ms.
            $ts = $this->pick([8640000000000, -8640000000000, 8640000000001, -8640000000001, 8639999999999, 10 ** 14, -(10 ** 14)]);
            $this->tag('date-js-range');
        }
        $d = $class::createFromFormat('U.u', "$ts.$micro", new DateTimeZone('UTC'));
        if ($d === false) {
            throw new GenError("cannot build a date at $ts");
        }
        return $d->setTimezone($tz);
    }

    private function enum(): UnitEnum
    {
        $r = mt_rand(1, 100);
        if ($r <= 60) { return $this->pick(Suit::cases()); }
        if ($r <= 80) { return $this->pick(Level::cases()); }
        if ($r <= 84) { $this->tag('pure-enum'); return $this->pick(Pure::cases()); }
        $this->tag('enum-json');
        return mt_rand(1, 4) > 1 ? JsBacked::A : JsPure::P;
    }

    /** Kinds that are built whole rather than grown: mutations, recursion, depth, unsendables. */
    public function special(): mixed
    {
        $r = mt_rand(1, 100);
        if ($r <= 55) {
            return $this->mutating();
        }
        if ($r <= 70) {
            $this->tag('deep');
            $n = $this->pick([mt_rand(1, 40), 500, 510, 511, 512, 513, 520, mt_rand(400, 600)]);
            $v = $this->leaf();
            $how = mt_rand(1, 4);
            for ($i = 0; $i < $n; $i++) {
                $v = match ($how) { 1 => [$v], 2 => ['k' => $v], 3 => new Js($v), default => (object) ['o' => $v] };
            }
            return $v;
        }
        if ($r <= 82) {
            $this->tag('recursive');
            switch (mt_rand(1, 4)) {
                case 1: $a = ['x' => 1]; $a['self'] = &$a; return $a;
                case 2: $o = new stdClass(); $o->inner = ['me' => $o]; return $o;
                case 3: return new JsSelf();
                default: $o = new stdClass(); $shared = [1, 2]; $o->p = $shared; $o->q = $shared; $this->tag('shared'); return $o;
            }
        }
        if ($r <= 90) {
            $this->tag('unsendable');
            return ['ok' => 1, 'bad' => $this->pick([fn() => 1, fopen('php://memory', 'r'), (function () { yield 1; })(), new JsThrows()])];
        }
        $this->tag('float-edge');
        return [$this->float(), $this->float(), $this->int()];
    }

    private function mutating(): mixed
    {
        $payload = $this->value(3);
        switch (mt_rand(1, 8)) {
            case 1: // unsets a later declared property of the parent
                $this->tag('mut-unset-later');
                $p = new Parent4();
                $p->a = $this->value(2);
                $p->b = new Mutator($p, 'unset', $this->pick(['c', 'd']), $payload);
                $p->c = $this->value(2);
                $p->d = 'd';
                return $p;
            case 2: // initialises a later typed, uninitialised property
                $this->tag('mut-init-later');
                $p = new ParentTyped();
                $p->first = $this->value(2);
                $p->m = new Mutator($p, 'init', 'late', $payload);
                return mt_rand(0, 1) ? $p : [$p, 'after' => $this->value(2)];
            case 3: // unsets an earlier property (already sent: nothing changes for it)
                $this->tag('mut-unset-earlier');
                $p = new Parent4();
                $p->a = 'a';
                $p->b = $this->value(2);
                $p->c = new Mutator($p, 'unset', 'a', $payload);
                return $p;
            case 4: // deeper: the mutator sits in an array inside the parent
                $this->tag('mut-unset-from-nested');
                $p = new Parent4();
                $p->a = ['x' => [new Mutator($p, 'unset', 'c', $payload)]];
                $p->b = 'b';
                $p->c = $this->value(2);
                return $p;
            case 5: // modifies, through a PHP reference, the array being encoded
                $this->tag('mut-array-by-ref');
                $arr = ['first' => $this->value(2), 'k' => 'v', 'last' => 'z'];
                $m = new Mutator(null, $this->pick(['push', 'unset-key', 'replace']), $this->pick(['last', 'k', 'first']), $payload);
                $arr['m'] = $m;
                $arr['end'] = $this->value(2);
                $m->bindArray($arr);
                // Reached through a reference slot: the reference is the array's only owner.
                return ['by-ref' => &$arr, 'after' => $this->value(2)];
            case 6: // a temporary whose destructor unsets a later property of the parent
                $this->tag('mut-temp-destructor');
                $p = new Parent4();
                $p->a = new Mutator($p, 'temp', $this->pick(['b', 'c', 'd']), $payload);
                $p->b = $this->value(2);
                $p->c = 'c';
                $p->d = ['d'];
                return $p;
            case 7: // modifies an array property of the parent while that array is walked
                $this->tag('mut-parent-array');
                $p = new Parent4();
                $p->a = 'a';
                $p->b = [new Mutator($p, 'prop-array', 'b', $payload), 'x', 'y'];
                $p->c = 'c';
                return $p;
            default: // adds a dynamic property, changes a declared one
                $this->tag('mut-dynamic');
                $p = new stdClass();
                $p->m = new Mutator($p, 'set-dynamic', $this->pick(['m2', 'z', 'added']), $payload);
                $p->z = 'z';
                return $p;
        }
    }
}

function mb_substr_safe(string $s): string
{
    // Drops the last UTF-8 character (or byte).
    $i = strlen($s) - 1;
    while ($i > 0 && (ord($s[$i]) & 0xC0) === 0x80) {
        $i--;
    }
    return substr($s, 0, $i);
}

/** Value i of a run, and what the generator knows about it. */
function build(int $seed, int $i): array
{
    mt_srand(item_seed($seed, $i));
    $g = new Gen();
    $v = mt_rand(1, 100) <= 6 ? $g->special() : $g->value();
    return [$v, $g->kind()];
}

// ---------------------------------------------------------------------------
// The model: README "PHP value -> what the browser receives", as JSON text.

/** README "Limits": an emit with more SocketIO\Binary values throws (max_attachments, default 10). */
const MAX_ATTACHMENTS = 10;
/** README: a date outside JS Date's range (±8.64e15 ms from 1970) throws. */
const JS_DATE_MAX_MS = 8_640_000_000_000_000;

final class Model
{
    /** SocketIO\Binary values sent so far in this event. */
    private int $binaries = 0;

    /** One emitted value: the attachment limit is per event, counted on what is sent. */
    public function event(mixed $v): string
    {
        $text = $this->encode($v, 0);
        if ($this->binaries > MAX_ATTACHMENTS) throw new Unencodable("{$this->binaries} binaries, more than max_attachments");
        return $text;
    }

    public function encode(mixed $v, int $depth): string
    {
        if ($v === null) return 'null';
        if (is_bool($v)) return $v ? 'true' : 'false';
        if (is_int($v)) return (string) $v;
        if (is_float($v)) {
            if (!is_finite($v)) throw new Unencodable('non-finite float');
            return json_encode($v, JSON_THROW_ON_ERROR | JSON_PRESERVE_ZERO_FRACTION);
        }
        if (is_string($v)) return $this->str($v);
        if (is_array($v)) return $this->arr($v, $depth);
        if (is_object($v)) return $this->obj($v, $depth);
        throw new Unencodable(get_debug_type($v));
    }

    private function str(string $s): string
    {
        if (preg_match('//u', $s) !== 1) throw new Unencodable('invalid UTF-8');
        return json_encode($s, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
    }

    /**
     * A nesting level, counted as json_encode counts them: an array or an object
     * sent as a map (empty ones too) is one, the outermost at $depth 0; level
     * 513 ($depth 512) throws. JsonSerializable wrappers (enums too) are not a
     * level (README), nor dates, binaries and backed enums, which are sent as
     * scalars. Recursion is caught here too: a cycle only ends at the depth limit.
     */
    private function enter(int $depth): void
    {
        if ($depth >= MAX_DEPTH) throw new Unencodable('too deep');
    }

    /**
     * $a is our own copy, as the encoder holds the array it walks: writes through
     * references while we walk it separate it. Its elements are read when reached
     * (a PHP reference in it shows a change made earlier in the walk).
     */
    private function arr(array $a, int $depth): string
    {
        $this->enter($depth);
        $parts = [];
        if (array_is_list($a)) {
            foreach ($a as $x) {
                $parts[] = $this->encode($x, $depth + 1);
            }
            return '[' . implode(',', $parts) . ']';
        }
        foreach ($a as $k => $x) {
            $parts[] = $this->str((string) $k) . ':' . $this->encode($x, $depth + 1);
        }
        return '{' . implode(',', $parts) . '}';
    }

    /** In the encoder's order of checks (src/value.rs serialize_object). */
    private function obj(object $o, int $depth): string
    {
        if ($o instanceof SocketIO\Binary) {
            $this->binaries++;
            return '{"$bin":"' . bin2hex($o->bytes()) . '"}';
        }
        // JsonSerializable first, enums included, as json_encode: its result
        // replaces it at the same level; `return $this` sends the properties.
        if ($o instanceof JsonSerializable) {
            try {
                $result = $o->jsonSerialize();
            } catch (GenError $e) {
                throw new Unencodable('jsonSerialize() threw');
            }
            $text = $result === $o ? $this->props($o, $depth) : $this->encode($result, $depth);
            unset($result); // a temporary's destructor runs here, as in the encoder
            return $text;
        }
        if ($o instanceof Closure || $o instanceof Generator) throw new Unencodable(get_class($o));
        if ($o instanceof BackedEnum) return $this->encode($o->value, $depth);
        if ($o instanceof UnitEnum) throw new Unencodable('pure enum');
        if ($o instanceof DateTimeInterface) return $this->date($o);
        return $this->props($o, $depth);
    }

    /** check.js turns "U.u" into JS Date.toJSON(); outside JS's range it throws. */
    private function date(DateTimeInterface $d): string
    {
        $stamp = $d->format('U.u');
        [$secs, $micros] = explode('.', $stamp);
        $ms = (int) $secs * 1000 + (int) substr($micros, 0, 3);
        if ($ms > JS_DATE_MAX_MS || $ms < -JS_DATE_MAX_MS) throw new Unencodable('date outside JS Date range');
        return '{"$date":"' . $stamp . '"}';
    }

    /**
     * What json_encode shows of an object (zend_get_properties_for: public
     * properties, or e.g. ArrayObject's storage; the (array) cast reads the same
     * table, private and protected ones mangled with a leading NUL), SNAPSHOT
     * before anything is written, as the encoder does: names and values copied
     * (references read now), then walked. So a jsonSerialize() that unsets,
     * initialises or adds a property of an object being encoded changes nothing
     * in it, while objects and arrays not reached yet are read as they are then
     * (an array value in the snapshot is a copy: writes to the property separate it).
     */
    private function props(object $o, int $depth): string
    {
        $this->enter($depth);
        $snapshot = [];
        foreach ((array) $o as $name => $value) {
            if (is_string($name) && $name !== '' && $name[0] === "\0") continue;
            $snapshot[] = [(string) $name, $value];
        }
        $parts = [];
        foreach ($snapshot as [$name, $value]) {
            $parts[] = $this->str($name) . ':' . $this->encode($value, $depth + 1);
        }
        return '{' . implode(',', $parts) . '}';
    }
}

/** [kind, expectation JSON or null, mustThrow] for a fresh copy of value i. */
function expectation(int $seed, int $i): array
{
    [$v, $kind] = build($seed, $i);
    try {
        return [$kind, (new Model())->event($v), false];
    } catch (Unencodable $e) {
        return [$kind, null, true];
    }
}

function record(int $i, string $kind, ?string $exp, bool $mustThrow, ?string $threw): string
{
    return 'E {"i":' . $i . ',"kind":' . json_encode($kind) . ',"exp":' . ($exp ?? 'null')
        . ',"mustThrow":' . json_encode($mustThrow)
        . ',"threw":' . json_encode($threw, JSON_INVALID_UTF8_SUBSTITUTE) . "}\n";
}

function emit_one(SocketIO\Emitter $e, string $room, array $args): ?string
{
    try {
        $e->to($room)->emit('prop', ...$args);
        return null;
    } catch (Throwable $t) {
        return get_class($t) . ': ' . $t->getMessage();
    }
}

// ---------------------------------------------------------------------------
ini_set('memory_limit', '1G');
$seed = (int) ($argv[1] ?? 0);
$mode = $argv[2] ?? '0';
$emitter = new SocketIO\Emitter();

if ($mode === 'show') {
    $i = (int) $argv[3];
    [$v] = build($seed, $i);
    echo "value $i of seed $seed:\n";
    var_dump($v);
    [$kind, $exp, $mustThrow] = expectation($seed, $i);
    echo "kind: $kind\nexpected: ", $mustThrow ? 'an exception' : $exp, "\n";
    [$v] = build($seed, $i);
    echo 'emit: ', emit_one($emitter, "p$i", [$v]) ?? 'published', "\n";
    exit(0);
}

if ($mode === 'sample') {
    $out = '';
    foreach (array_map('intval', explode(',', $argv[3])) as $i) {
        [$v] = build($seed, $i);
        $threw = emit_one($emitter, 'sample', [$i, $v]);
        unset($v);
        $out .= "T $i " . json_encode($threw, JSON_INVALID_UTF8_SUBSTITUTE) . "\n";
    }
    $emitter->to('sample')->emit('sample-done');
    echo $out;
    exit(0);
}

$first = (int) $mode;
$count = (int) ($argv[3] ?? 1000);
const BATCH = 250;
for ($start = $first; $start < $first + $count; $start += BATCH) {
    $end = min($start + BATCH, $first + $count);
    $lines = '';
    $emitter->batch(function (SocketIO\Emitter $b) use ($seed, $start, $end, &$lines) {
        for ($i = $start; $i < $end; $i++) {
            [$kind, $exp, $mustThrow] = expectation($seed, $i);
            [$v] = build($seed, $i);
            $threw = emit_one($b, "p$i", [$v]);
            unset($v);
            $lines .= record($i, $kind, $exp, $mustThrow, $threw);
        }
    });
    echo $lines, 'S ', $end - 1, "\n";
    if (fgets(STDIN) === false) {
        exit(0); // check.js went away
    }
}
