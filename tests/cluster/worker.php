<?php
// Driven by cluster.js: one JSON command per line on stdin, one "@@ <json>"
// line per command on stdout. One long-lived PHP process, like a php-fpm
// worker: its pooled connections and slot map live across commands.
declare(strict_types=1);

$emitters = [];
function emitter(array $opts): SocketIO\Emitter {
    global $emitters;
    $key = json_encode($opts);
    return $emitters[$key] ??= new SocketIO\Emitter($opts);
}
function out(array $r): void { echo '@@ ', json_encode($r), "\n"; }
function attempt(callable $f): array {
    $t = microtime(true);
    try {
        $r = $f();
        return ['r' => $r, 'ms' => (microtime(true) - $t) * 1000];
    } catch (Throwable $e) {
        return ['r' => false, 'err' => get_class($e) . ': ' . $e->getMessage(), 'ms' => (microtime(true) - $t) * 1000];
    }
}

while (($line = fgets(STDIN)) !== false) {
    $c = json_decode($line, true);
    $e = fn () => emitter($c['opts'] ?? []);
    switch ($c['op']) {
        case 'emit':
            out(attempt(fn () => $e()->of($c['nsp'] ?? '/')->to($c['rooms'])->emit($c['event'], ...$c['args'])));
            break;
        case 'batch':
            out(attempt(fn () => $e()->batch(function ($b) use ($c) {
                foreach ($c['emits'] as [$rooms, $event, $arg]) { $b->to($rooms)->emit($event, $arg); }
            })));
            break;
        case 'join':
        case 'rooms':
            $rooms = new SocketIO\SessionRooms($e(), ['secret' => 'cluster-test-secret-0123456789']);
            out(attempt(fn () => $c['op'] === 'join' ? ($rooms->join($c['sid'], $c['rooms']) ?? true) : $rooms->rooms($c['sid'])));
            break;
        case 'count':
            out(attempt(fn () => $e()->serverCount()));
            break;
        case 'fetch':
            out(attempt(fn () => array_map(fn ($s) => $s['id'], $e()->timeout(3)->in($c['rooms'])->fetchSockets())));
            break;
        case 'ack':
            out(attempt(fn () => $e()->timeout(3)->in($c['rooms'])->emitWithAck($c['event'], ...$c['args'])));
            break;
        case 'stats':
            out(['r' => SocketIO\Emitter::stats()]);
            break;
        case 'loop':
            // Emits every `every` ms for `ms` ms, each emit numbered; one record per attempt.
            $end = microtime(true) + $c['ms'] / 1000;
            $log = [];
            $seq = 0;
            while (microtime(true) < $end) {
                $next = microtime(true) + $c['every'] / 1000;
                foreach ($c['streams'] as $name => $opts) {
                    $s = $seq;
                    $a = attempt(fn () => emitter($opts)->to($c['rooms'][$name])->emit('tick', "$name:$s;"));
                    $log[] = [$name, $seq, round(microtime(true) * 1000), $a['r'], $a['err'] ?? null];
                }
                $seq++;
                $wait = $next - microtime(true);
                if ($wait > 0) usleep((int) ($wait * 1e6));
            }
            out(['r' => $log]);
            break;
        default:
            out(['r' => false, 'err' => 'unknown op']);
    }
}
