<?php
// The page of measurement 2 (nginx → php-fpm), shared by every variant: an
// optional emit first (as a controller would after saving), then a small HTML
// page rendered from data. BENCH_REDIS_PORT comes from the pool's env.
require __DIR__ . '/../php/lib.php';

function render_page(array $post): void
{
    $rows = [];
    for ($i = 0; $i < 30; $i++) {
        $rows[] = ['n' => $i, 'title' => "Item $i of the list <$i>", 'price' => $i * 1.25, 'tags' => ['a', 'b & c']];
    }
    echo "<!doctype html><html><head><title>", htmlspecialchars($post['title']), "</title></head><body><h1>",
        htmlspecialchars($post['title']), "</h1><ul>";
    foreach ($rows as $row) {
        echo '<li data-n="', $row['n'], '">', htmlspecialchars($row['title']), ' — ',
            number_format($row['price'], 2), ' ', htmlspecialchars(implode(', ', $row['tags'])), '</li>';
    }
    echo '</ul></body></html>';
}

function page(string $variant): void
{
    $port = (int) getenv('BENCH_REDIS_PORT');
    $post = small_payload();
    switch ($variant) {
        case 'noemit':
            $r = 0;
            break;
        case 'ours':
        case 'ours-deferred':
            $e = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'deferred' => $variant === 'ours-deferred']);
            $r = $e->to('room1')->emit('post', $post);
            break;
        case 'userland-pconnect':
        case 'userland-pconnect-noecho':
        case 'userland-connect':
            // pconnect() checks the reused connection with an ECHO round trip
            // unless redis.pconnect.echo_check_liveness is off (the -noecho variants).
            ini_set('redis.pconnect.echo_check_liveness', str_ends_with($variant, '-noecho') ? '0' : '1');
            $redis = redis_client($port, $variant !== 'userland-connect');
            $r = (new UserlandEmitter($redis, 'msgpack'))->to('room1')->emit('post', $post);
            break;
        case 'phpredis-ready':
        case 'phpredis-ready-noecho':
            // The floor: phpredis publish() of bytes encoded beforehand (once per worker).
            ini_set('redis.pconnect.echo_check_liveness', str_ends_with($variant, '-noecho') ? '0' : '1');
            $redis = redis_client($port, true);
            static $ready = null;
            $ready ??= (function () use ($redis, $post) {
                $u = (new UserlandEmitter($redis, 'msgpack'))->to('room1');
                return [$u->channel(), $u->encode('post', [$post])];
            })();
            $r = $redis->publish($ready[0], $ready[1]);
            break;
        default:
            $r = false;
    }
    if ($r === false) {
        http_response_code(500);
        echo "emit failed\n";
        return;
    }
    render_page($post);
}
