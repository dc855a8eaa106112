<?php
// Driven by tests/sentinel/sentinel.js. Prints one "@@ <json>" line per result.
//   php sentinel.php <mode> <json options>
// modes: basic (every method once), loop (emit every interval_ms for
// seconds), errors (each case once: exception class, message, elapsed).
declare(strict_types=1);

use SocketIO\Emitter;
use SocketIO\SessionRooms;

function out(array $record): void
{
    echo '@@ ', json_encode($record, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR), "\n";
    flush();
}

function ms(): float
{
    return microtime(true) * 1000;
}

/** Runs $f, recording its result or exception and how long it took. */
function attempt(string $name, callable $f): array
{
    $t0 = ms();
    $warnings = [];
    set_error_handler(function (int $no, string $msg) use (&$warnings) { $warnings[] = $msg; return true; });
    try {
        $r = $f();
        $rec = ['name' => $name, 'ok' => true, 'r' => $r];
    } catch (Throwable $e) {
        $rec = ['name' => $name, 'ok' => false, 'class' => get_class($e), 'err' => $e->getMessage()];
    } finally {
        restore_error_handler();
    }
    $rec['t0'] = $t0;
    $rec['dt'] = ms() - $t0;
    $rec['warnings'] = $warnings;
    return $rec;
}

[$mode, $json] = [$argv[1], $argv[2]];
$o = json_decode($json, true, 512, JSON_THROW_ON_ERROR);

switch ($mode) {
    case 'basic':
        $e = new Emitter($o['options']);
        out(attempt('emit', fn () => $e->emit('tick', ['seq' => 'basic-emit'])));
        out(attempt('batch', fn () => $e->batch(function (Emitter $b) {
            $b->emit('tick', ['seq' => 'basic-batch-1']);
            $b->to([])->emit('tick', ['seq' => 'never']);
            $b->emit('tick', ['seq' => 'basic-batch-2']);
        })));
        out(attempt('join', function () use ($e) { $e->socketsJoin('joined-by-php'); return null; }));
        // socketsJoin is applied by the server asynchronously; let it land.
        usleep(200000);
        out(attempt('emit-room', fn () => $e->to('joined-by-php')->emit('tick', ['seq' => 'basic-room'])));
        $d = new Emitter($o['options'] + ['deferred' => true]);
        out(attempt('deferred', fn () => $d->emit('tick', ['seq' => 'basic-deferred'])));
        out(attempt('flush', fn () => Emitter::flush()));
        $p = new Emitter($o['options'] + ['persistent' => false]);
        out(attempt('private', fn () => $p->emit('tick', ['seq' => 'basic-private'])));
        $s = new SessionRooms($e, ['secret' => str_repeat('k', 32)]);
        out(attempt('session-join', function () use ($s) { $s->join('sess-1', ['r1', 'r2']); return null; }));
        out(attempt('session-rooms', fn () => $s->rooms('sess-1')));
        out(attempt('session-key', fn () => $s->roomOf('sess-1')));
        out(attempt('server-count', fn () => $e->serverCount()));
        out(attempt('fetch', fn () => array_map(fn ($s) => $s['id'], $e->timeout(3)->in('lobby')->fetchSockets())));
        out(attempt('ack', fn () => $e->timeout(3)->emitWithAck('ping', 7)));
        out(attempt('stats', fn () => Emitter::stats()));
        break;

    case 'loop':
        $e = new Emitter($o['options']);
        $end = ms() + $o['seconds'] * 1000;
        $seq = 0;
        while (ms() < $end) {
            $next = ms() + $o['interval_ms'];
            $n = $seq++;
            $rec = attempt('tick', fn () => $e->emit('tick', ['seq' => $n]));
            $rec['seq'] = $n;
            out($rec);
            $wait = $next - ms();
            if ($wait > 0) {
                usleep((int) ($wait * 1000));
            }
        }
        break;

    case 'errors':
        foreach ($o['cases'] as $case) {
            usleep(($case['sleep_ms'] ?? 0) * 1000);
            out(attempt($case['name'], function () use ($case) {
                return (new Emitter($case['options']))->emit('tick', ['seq' => $case['name']]);
            }) + ['limit_ms' => $case['limit_ms'] ?? null]);
        }
        break;
}
