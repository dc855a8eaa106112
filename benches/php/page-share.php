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

$tcp = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port"]);
$unix = new SocketIO\Emitter(['dsn' => "unix://$sock"]);
$floor = function (Redis $r) use ($data) {
    $u = (new UserlandEmitter($r, 'msgpack'))->to('team:7');
    [$channel, $bytes] = [$u->channel(), $u->encode('post', [$data])];
    return fn () => $r->publish($channel, $bytes);
};
$rt = new Redis();
$rt->pconnect('127.0.0.1', $port, 1.0);
$ru = new Redis();
$ru->pconnect($sock, 0, 1.0);
$variants = [
    'page' => fn () => 0,
    'ours-tcp' => fn () => $tcp->in('team:7')->emit('post', $data),
    'ours-unix' => fn () => $unix->in('team:7')->emit('post', $data),
    'phpredis-ready-tcp' => $floor($rt),
    'phpredis-ready-unix' => $floor($ru),
];
$cpu = function (): float {
    $u = getrusage();
    return $u['ru_utime.tv_sec'] * 1e6 + $u['ru_utime.tv_usec'] + $u['ru_stime.tv_sec'] * 1e6 + $u['ru_stime.tv_usec'];
};
$samples = array_fill_keys(array_keys($variants), []);
foreach ($variants as $fn) { $fn(); realistic_page($data); } // connect, warm up
for ($round = 0; $round < $rounds; $round++) {
    foreach ($variants as $name => $fn) {
        $t0 = $cpu();
        for ($i = 0; $i < $per; $i++) {
            if ($fn() === false) {
                out(['error' => "$name: emit failed"]);
                exit(1);
            }
            $html = realistic_page($data);
        }
        $samples[$name][] = ($cpu() - $t0) / $per;
    }
}
$median = function (array $xs): float {
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
};
out(array_map($median, $samples) + ['page_bytes' => strlen($html)]);
