<?php
// Shared pieces of the PHP benchmarks: the competitors' emitters, payloads,
// timing and result output. Loaded by every script in benches/php/.
//
// Every script is run by benches/run.sh as
//   php -n -d extension=igbinary.so -d extension=msgpack.so -d extension=redis.so \
//       -d extension=<socketio_emitter.so> script.php <redis port> ...
// and prints one JSON object per line (a result, or {"error": ...} then exit 1).

declare(strict_types=1);

error_reporting(E_ALL);
set_error_handler(function (int $no, string $msg, string $file, int $line): bool {
    throw new ErrorException($msg, 0, $no, $file, $line);
});

/** Pure-PHP MessagePack packer, what userland emitter libraries bundle
 *  (the rules of notepack.io 3, which @socket.io/redis-emitter uses):
 *  smallest int encoding, float64, str8 for 32..255 bytes, lists as arrays,
 *  other arrays and objects as maps with string keys. */
final class PurePacker
{
    public function pack(mixed $v): string
    {
        switch (gettype($v)) {
            case 'NULL':
                return "\xc0";
            case 'boolean':
                return $v ? "\xc3" : "\xc2";
            case 'integer':
                return $this->packInt($v);
            case 'double':
                return "\xcb" . pack('E', $v);
            case 'string':
                return $this->packStr($v);
            case 'array':
                return array_is_list($v) ? $this->packList($v) : $this->packMap($v);
            case 'object':
                return $this->packMap($v instanceof JsonSerializable ? (array) $v->jsonSerialize() : get_object_vars($v));
        }
        throw new InvalidArgumentException('cannot pack a ' . gettype($v));
    }

    private function packInt(int $v): string
    {
        if ($v >= 0) {
            if ($v < 0x80) return chr($v);
            if ($v <= 0xff) return "\xcc" . chr($v);
            if ($v <= 0xffff) return "\xcd" . pack('n', $v);
            if ($v <= 0xffffffff) return "\xce" . pack('N', $v);
            return "\xcf" . pack('J', $v);
        }
        if ($v >= -32) return chr($v & 0xff);
        if ($v >= -128) return "\xd0" . chr($v & 0xff);
        if ($v >= -32768) return "\xd1" . pack('n', $v & 0xffff);
        if ($v >= -2147483648) return "\xd2" . pack('N', $v & 0xffffffff);
        return "\xd3" . pack('J', $v);
    }

    private function packStr(string $v): string
    {
        $n = strlen($v);
        if ($n < 32) return chr(0xa0 | $n) . $v;
        if ($n <= 0xff) return "\xd9" . chr($n) . $v;
        if ($n <= 0xffff) return "\xda" . pack('n', $n) . $v;
        return "\xdb" . pack('N', $n) . $v;
    }

    private function packList(array $v): string
    {
        $n = count($v);
        $out = $n < 16 ? chr(0x90 | $n) : ($n <= 0xffff ? "\xdc" . pack('n', $n) : "\xdd" . pack('N', $n));
        foreach ($v as $item) {
            $out .= $this->pack($item);
        }
        return $out;
    }

    private function packMap(array $v): string
    {
        $n = count($v);
        $out = $n < 16 ? chr(0x80 | $n) : ($n <= 0xffff ? "\xde" . pack('n', $n) : "\xdf" . pack('N', $n));
        foreach ($v as $key => $item) {
            $out .= $this->packStr((string) $key) . $this->pack($item);
        }
        return $out;
    }
}

/** A userland emitter as a PHP team would write it from the protocol
 *  (shared/protocol.md §2.2): one PUBLISH of
 *  ["emitter", {type:2, data:[event, ...args], nsp}, {rooms, flags:{}, except}]
 *  on <prefix>#<nsp># (+ "<room>#" for exactly one room).
 *  $packer 'msgpack': the msgpack extension (b); 'pure': PurePacker (c). */
final class UserlandEmitter
{
    private array $rooms = [];
    private ?PurePacker $pure;

    public function __construct(private Redis $redis, private string $packer, private string $prefix = 'socket.io', private string $nsp = '/')
    {
        $this->pure = $packer === 'pure' ? new PurePacker() : null;
    }

    public function to(string|array $rooms): self
    {
        $copy = clone $this;
        foreach ((array) $rooms as $room) {
            if (!in_array($room, $copy->rooms, true)) {
                $copy->rooms[] = $room;
            }
        }
        return $copy;
    }

    public function encode(string $event, array $args): string
    {
        $packet = ['type' => 2, 'data' => [$event, ...$args], 'nsp' => $this->nsp];
        if ($this->pure) {
            // flags must be a map ({} → 0x80): an empty stdClass packs as one.
            return $this->pure->pack(['emitter', $packet, ['rooms' => $this->rooms, 'flags' => new stdClass(), 'except' => []]]);
        }
        // msgpack_pack([]) is an array (0x90); flags must be an empty map (0x80),
        // so the constant parts of the envelope are written by hand.
        return "\x93\xa7emitter" . msgpack_pack($packet)
            . "\x83\xa5rooms" . msgpack_pack($this->rooms) . "\xa5flags\x80\xa6except\x90";
    }

    public function channel(): string
    {
        return $this->prefix . '#' . $this->nsp . '#' . (count($this->rooms) === 1 ? $this->rooms[0] . '#' : '');
    }

    public function emit(string $event, mixed ...$args): int
    {
        $n = $this->redis->publish($this->channel(), $this->encode($event, $args));
        if (!is_int($n)) {
            throw new RuntimeException('publish failed: ' . var_export($n, true));
        }
        return $n;
    }
}

/** The ~150-byte message of measurement 1 (the PUBLISH payload is ~150 bytes to one room). */
function small_payload(): array
{
    return [
        'id' => 48213,
        'author' => 'alice',
        'title' => 'Release 2.4 is out',
        'tags' => ['release', 'ops'],
        'score' => 4.75,
        'pinned' => false,
    ];
}

function rooms_of(int $n): string|array
{
    return $n === 1 ? 'room1' : array_map(fn ($i) => "room$i", range(1, $n));
}

/** A ~1 MB nested payload: maps, lists, strings, ints, floats (deterministic). */
function big_payload(int $records = 2450): array
{
    mt_srand(42);
    $out = [];
    for ($i = 0; $i < $records; $i++) {
        $out[] = [
            'id' => $i * 7919,
            'name' => 'user-' . $i . '-' . str_repeat(chr(97 + $i % 26), 12),
            'email' => "user$i@example.org",
            'active' => $i % 3 !== 0,
            'balance' => $i * 13.37 + 0.25,
            'ratio' => mt_rand() / mt_getrandmax(),
            'delta' => -($i % 500) - 1,
            'tags' => ['t' . ($i % 10), 't' . ($i % 7), 'group-' . ($i % 4)],
            'address' => [
                'street' => ($i % 200) . ' Long Street Name Avenue',
                'city' => ['Paris', 'Berlin', 'Lisbon', 'Oslo'][$i % 4],
                'zip' => 10000 + $i,
                'geo' => ['lat' => 48.8566 + $i / 1e4, 'lng' => 2.3522 - $i / 1e4],
            ],
            'history' => [
                ['at' => 1700000000 + $i, 'what' => 'login', 'ms' => $i % 1000],
                ['at' => 1700003600 + $i, 'what' => 'post', 'ms' => ($i * 3) % 1000],
            ],
            'bio' => str_repeat('Lorem ipsum dolor sit amet. ', 4),
            'score' => null,
        ];
    }
    return ['page' => 1, 'generated' => 1732248000, 'items' => $out];
}

function redis_client(int $port, bool $persistent): Redis
{
    $r = new Redis();
    $ok = $persistent ? $r->pconnect('127.0.0.1', $port, 1.0) : $r->connect('127.0.0.1', $port, 1.0);
    if (!$ok) {
        throw new RuntimeException("cannot connect to Redis on 127.0.0.1:$port");
    }
    return $r;
}

function ours(int $port, bool $deferred): SocketIO\Emitter
{
    return new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'deferred' => $deferred]);
}

/** Runs $fn repeatedly for about $seconds (at most $max calls, at least $min),
 *  checking the clock every $step calls. Returns [calls, seconds]. */
function timed(callable $fn, float $seconds, int $max, int $step = 64, int $min = 1): array
{
    $n = 0;
    $t0 = hrtime(true);
    $limit = $t0 + (int) ($seconds * 1e9);
    do {
        for ($i = 0; $i < $step; $i++) {
            $fn();
        }
        $n += $step;
        $now = hrtime(true);
    } while (($now < $limit || $n < $min) && $n < $max);
    return [$n, ($now - $t0) / 1e9];
}

function out(array $result): void
{
    echo json_encode($result, JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
}

function rss_kb(): int
{
    preg_match('/^VmRSS:\s+(\d+) kB/m', (string) file_get_contents('/proc/self/status'), $m);
    return (int) ($m[1] ?? -1);
}

function arg(int $i, ?string $default = null): string
{
    global $argv;
    if (!isset($argv[$i]) && $default === null) {
        fwrite(STDERR, "missing argument #$i\n");
        exit(2);
    }
    return $argv[$i] ?? $default;
}
