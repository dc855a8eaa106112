<?php
// The realistic page (issue 16): ~1 ms of templating and data work per
// "request", alone or with one emit, in one PHP process; the worker CPU
// (getrusage user + system) per request, medians of interleaved rounds.
// php page-share.php <port> <unix socket path> <rounds> <requests per round>
// Prints one JSON object: per variant the median CPU µs per request, and the page's.
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$sock = arg(2);
$rounds = (int) arg(3);
$per = (int) arg(4);
$data = small_payload();

/** ~1 ms of a framework page's work: rows from data, escaped, formatted, joined. */
function realistic_page(array $post): string
{
    $rows = [];
    for ($i = 0; $i < 800; $i++) {
        $rows[] = ['n' => $i, 'title' => "Item $i of the list <$i>", 'price' => $i * 1.25, 'tags' => ['a', 'b & c', "t$i"], 'at' => 1732248000 + $i * 60];
    }
    usort($rows, fn ($a, $b) => strcmp($a['title'], $b['title']));
    $html = '<!doctype html><html><head><title>' . htmlspecialchars($post['title']) . '</title></head><body><ul>';
    foreach ($rows as $row) {
        $html .= sprintf('<li data-n="%d">%s — %s %s <time>%s</time></li>', $row['n'], htmlspecialchars($row['title']),
            number_format($row['price'], 2), htmlspecialchars(implode(', ', $row['tags'])), gmdate('Y-m-d H:i', $row['at']));
    }
    return $html . '</ul>' . json_encode(array_slice($rows, 0, 50)) . '</body></html>';
}

// Each "request" makes its client as a page does: `new SocketIO\Emitter(...)`,
// or `new Redis()` + `pconnect()` (which reuses the process's persistent
// connection and, by default, checks it with an ECHO round trip:
// redis.pconnect.echo_check_liveness; shown with it on and off).
$ours = fn (string $dsn) => fn () => (new SocketIO\Emitter(['dsn' => $dsn]))->in('team:7')->emit('post', $data);
$u = new UserlandEmitter(new Redis(), 'msgpack'); // encodes only: never connected
[$channel, $bytes] = [$u->to('team:7')->channel(), $u->to('team:7')->encode('post', [$data])];
$ready = function (string $host, int $port, bool $echo) use ($channel, $bytes) {
    return function () use ($host, $port, $echo, $channel, $bytes) {
        ini_set('redis.pconnect.echo_check_liveness', $echo ? '1' : '0');
        $r = new Redis();
        $r->pconnect($host, $port, 1.0);
        return $r->publish($channel, $bytes);
    };
};
$variants = [
    'page' => fn () => 0,
    'ours-tcp' => $ours("redis://127.0.0.1:$port"),
    'ours-unix' => $ours("unix://$sock"),
    'phpredis-ready-tcp' => $ready('127.0.0.1', $port, true),
    'phpredis-ready-tcp-noecho' => $ready('127.0.0.1', $port, false),
    'phpredis-ready-unix' => $ready($sock, 0, true),
    'phpredis-ready-unix-noecho' => $ready($sock, 0, false),
];
$cpu = function (): float {
    $u = getrusage();
    return $u['ru_utime.tv_sec'] * 1e6 + $u['ru_utime.tv_usec'] + $u['ru_stime.tv_sec'] * 1e6 + $u['ru_stime.tv_usec'];
};
$samples = array_fill_keys(array_keys($variants), []);
$alone = array_fill_keys(array_keys($variants), []);
foreach ($variants as $fn) { $fn(); realistic_page($data); } // connect, warm up
for ($round = 0; $round < $rounds; $round++) {
    foreach ($variants as $name => $fn) {
        $t0 = $cpu();
        $in = 0.0;
        for ($i = 0; $i < $per; $i++) {
            $t1 = $cpu();
            if ($fn() === false) {
                out(['error' => "$name: emit failed"]);
                exit(1);
            }
            $in += $cpu() - $t1;
            $html = realistic_page($data);
        }
        $samples[$name][] = ($cpu() - $t0) / $per;
        $alone[$name][] = $in / $per;
    }
}
$median = function (array $xs): float {
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
};
// "alone": the client's own CPU per request (getrusage around it), less what
// the empty variant measures there (getrusage's own cost).
$alone = array_map($median, $alone);
$own = [];
foreach ($alone as $name => $v) {
    $own[$name] = $v - $alone['page'];
}
out(['total' => array_map($median, $samples), 'own' => $own, 'page_bytes' => strlen($html)]);
