<?php
// The PHP half of roundtrip.js: one round trip per call, printed as
// "@@ {json}" with {"ms", "ret"} or {"ms", "error", "class", "responses"}.
//   roundtrip.php ADAPTER CASE [JSON]
// ADAPTER: classic|sharded. CASE: count | fetch | ack | loop; JSON: the
// options {nsp, in, except, timeout, event, args, n}.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;
use SocketIO\TimeoutException;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

/** SocketIO\Binary → {"$bin": hex}, so the JSON output keeps it apart from strings. */
function plain(mixed $v): mixed
{
    if ($v instanceof Binary) {
        return ['$bin' => bin2hex($v->bytes())];
    }
    if (is_array($v)) {
        return array_map('plain', $v);
    }
    return $v;
}

function record(array $r): void
{
    echo '@@ ', json_encode(plain($r), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
}

[, $adapter, $case] = $argv;
$o = json_decode($argv[3] ?? '{}', true);
$base = new Emitter(['dsn' => ini_get('socketio_emitter.dsn'), 'adapter' => $adapter]);
$e = $base->of($o['nsp'] ?? '/');
if (isset($o['in'])) {
    $e = $e->in($o['in']);
}
if (isset($o['except'])) {
    $e = $e->except($o['except']);
}
if (isset($o['timeout'])) {
    $e = $e->timeout((float) $o['timeout']);
}

$call = match ($case) {
    'count' => fn () => $e->serverCount(),
    'fetch' => fn () => $e->fetchSockets(),
    'online' => fn () => $e->fetchSockets() !== [],
    'ack' => fn () => $e->emitWithAck($o['event'] ?? 'ping', ...($o['args'] ?? [])),
    'loop' => function () use ($e, $o) {
        $sizes = [];
        for ($i = 0; $i < ($o['n'] ?? 200); $i++) {
            $sizes[] = count($e->fetchSockets());
        }
        return ['calls' => count($sizes), 'distinct_sizes' => array_values(array_unique($sizes)), 'stats' => Emitter::stats()];
    },
};
$t = hrtime(true);
try {
    $ret = $call();
    record(['ms' => (hrtime(true) - $t) / 1e6, 'ret' => $ret]);
} catch (TimeoutException $ex) {
    record(['ms' => (hrtime(true) - $t) / 1e6, 'class' => get_class($ex), 'error' => $ex->getMessage(), 'responses' => $ex->getResponses()]);
} catch (Throwable $ex) {
    record(['ms' => (hrtime(true) - $t) / 1e6, 'class' => get_class($ex), 'error' => $ex->getMessage()]);
}
