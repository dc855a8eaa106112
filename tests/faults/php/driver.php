<?php
// A CLI process the suite drives line by line (JSON in on stdin, JSON out on
// stdout), so that faults can be injected between two emits of one process
// (its pool and circuit breaker persist across operations).
//
// Operations: {"op":"new","name":"a","options":<array|string|null>}
//             {"op":"emit","name":"a","event":"t","args":[...]}
//             {"op":"drop","name":"a"}   {"op":"stats"}   {"op":"pid"}   {"op":"rss"}
//             {"op":"exit"}
// Every reply: {"ok":bool, "ret":..., "ret_type":"int|bool|...",
//               "exception":class|null, "message":..., "ms":float, "warnings":[...]}

error_reporting(E_ALL);
ini_set('display_errors', '0');

$warnings = [];
set_error_handler(function (int $no, string $str) use (&$warnings) {
    $warnings[] = ['level' => $no, 'message' => $str];
    return true;
});

$emitters = [];

function describe(Throwable $t): array
{
    return ['exception' => get_class($t), 'message' => $t->getMessage()];
}

$lines = 0;
while ($lines++ < 100000 && ($line = fgets(STDIN)) !== false) {
    $req = json_decode($line, true);
    $res = ['ok' => true, 'ret' => null, 'ret_type' => null, 'exception' => null, 'message' => null];
    $start = hrtime(true);
    try {
        switch ($req['op'] ?? '') {
            case 'new':
                $emitters[$req['name']] = new SocketIO\Emitter($req['options'] ?? null);
                break;
            case 'emit':
                $e = $emitters[$req['name']];
                $start = hrtime(true);
                $r = $e->emit($req['event'] ?? 't', ...($req['args'] ?? []));
                $res['ms'] = (hrtime(true) - $start) / 1e6;
                $res['ret'] = $r;
                $res['ret_type'] = get_debug_type($r);
                unset($e); // 'drop' must be able to destroy the last reference
                break;
            case 'drop':
                unset($emitters[$req['name']]);
                gc_collect_cycles();
                break;
            case 'stats':
                $res['ret'] = SocketIO\Emitter::stats();
                $res['ret_type'] = get_debug_type($res['ret']);
                break;
            case 'phpinfo':
                ob_start();
                phpinfo(INFO_MODULES);
                $res['ret'] = ob_get_clean();
                break;
            case 'rss': // peak resident set, kB
                preg_match('/^VmHWM:\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $m);
                $res['ret'] = (int) ($m[1] ?? 0);
                break;
            case 'pid':
                $res['ret'] = getmypid();
                break;
            case 'exit':
                echo json_encode($res), "\n";
                exit(0);
            default:
                throw new LogicException('unknown op');
        }
    } catch (Throwable $t) {
        $res = array_merge($res, ['ok' => false], describe($t));
    }
    $res['ms'] ??= (hrtime(true) - $start) / 1e6;
    $res['warnings'] = $warnings;
    $warnings = [];
    echo json_encode($res, JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
    fflush(STDOUT);
}
