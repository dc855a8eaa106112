<?php
// pcntl_fork() after an emit: parent and child each emit N unique ids through
// the Emitter created (and used) before the fork.
//   php fork.php <dsn> <redis port> <dir> <n>
// Prints one JSON line with both processes' results and the CLIENT LIST count
// of connections whose last command was PUBLISH, taken while both are alive.
[$_, $dsn, $port, $dir, $n] = $argv;
$n = (int)$n;

function stats_or_error(): array
{
    try {
        return SocketIO\Emitter::stats();
    } catch (Throwable $t) {
        return ['error' => get_class($t) . ': ' . $t->getMessage()];
    }
}

function run_emits(SocketIO\Emitter $e, string $who, int $n): array
{
    $ok = 0;
    $errors = [];
    for ($i = 0; $i < $n; $i++) {
        try {
            $r = $e->emit('t', "$who-$i");
            if (is_int($r)) {
                $ok++;
            } else {
                $errors[] = "returned " . get_debug_type($r);
            }
        } catch (Throwable $t) {
            $errors[] = get_class($t) . ': ' . $t->getMessage();
        }
    }
    return ['who' => $who, 'pid' => getmypid(), 'ok' => $ok,
            'errors' => array_slice($errors, 0, 5), 'error_count' => count($errors), 'stats' => stats_or_error()];
}

function wait_for(string $file, float $seconds): bool
{
    $deadline = microtime(true) + $seconds;
    while (microtime(true) < $deadline) {
        clearstatcache();
        if (file_exists($file)) {
            return true;
        }
        usleep(5000);
    }
    return false;
}

function client_list(int $port): string
{
    $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 2);
    if (!$s) {
        return "";
    }
    stream_set_timeout($s, 2);
    fwrite($s, "*2\r\n\$6\r\nCLIENT\r\n\$4\r\nLIST\r\n");
    $head = fgets($s);
    $len = (int)substr($head, 1);
    $body = '';
    while (strlen($body) < $len + 2 && !feof($s)) {
        $chunk = fread($s, $len + 2 - strlen($body));
        if ($chunk === false || $chunk === '') {
            break;
        }
        $body .= $chunk;
    }
    fclose($s);
    return $body;
}

$e = new SocketIO\Emitter($dsn);
$pre = $e->emit('t', 'pre-0');

$pid = pcntl_fork();
if ($pid === -1) {
    echo json_encode(['fatal' => 'fork failed']), "\n";
    exit(1);
}
if ($pid === 0) {
    $res = run_emits($e, 'c', $n);
    file_put_contents("$dir/child.json.tmp", json_encode($res));
    rename("$dir/child.json.tmp", "$dir/child.json");
    wait_for("$dir/parent-done", 20);
    exit(0);
}
$parent = run_emits($e, 'p', $n);
$child_ready = wait_for("$dir/child.json", 20);
$list = client_list((int)$port);
touch("$dir/parent-done");
pcntl_waitpid($pid, $status);
$publishers = [];
foreach (explode("\n", trim($list)) as $line) {
    if (str_contains($line, ' cmd=publish ')) {
        preg_match('/ addr=(\S+) /', $line, $m);
        $publishers[] = $m[1] ?? '?';
    }
}
echo json_encode([
    'pre' => $pre,
    'parent' => $parent,
    'child' => $child_ready ? json_decode(file_get_contents("$dir/child.json"), true) : null,
    'child_exit' => pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 'signal ' . pcntl_wtermsig($status),
    'publishers' => $publishers,
]), "\n";
