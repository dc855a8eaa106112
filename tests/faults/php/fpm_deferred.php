<?php
// One FastCGI request = one emit of a unique id, for the deferred-mode checks
// (php-fpm runs with socketio_emitter.deferred=1). Query parameters:
//   id        the request id (required)
//   seqdir    a directory: this worker's sequence number is kept in
//             <seqdir>/seq-<pid> (one worker serves one request at a time), and
//             the emitted message is "<id>/<pid>/<seq>" so that per-worker
//             order can be checked on the subscriber side; without it: "<id>"
//   on_error, prefix, user, pass   Emitter options (array form, on top of the
//             php.ini DSN); with none of them: new Emitter() (php.ini only)
//   hold      ms (<= 10000): after the answer is sent (fastcgi_finish_request),
//             sleep inside the request, so the suite can kill the worker
//             after emit() returned and before RSHUTDOWN read the reply
// Body (JSON): {"ret", "type", "pid", "seq", "msg", "ms", "warnings", "exception"};
// "ms" is the time emit() took (hrtime). Warnings are captured only around
// emit(): those raised later (RSHUTDOWN) go to the php-fpm error log.
$id = (string)($_GET['id'] ?? '');
$pid = getmypid();
$seq = null;
if (isset($_GET['seqdir'])) {
    $file = $_GET['seqdir'] . '/seq-' . $pid;
    $seq = (int)@file_get_contents($file) + 1;
    file_put_contents($file, (string)$seq);
}
$msg = $seq === null ? $id : "$id/$pid/$seq";
$options = [];
foreach (['on_error' => 'on_error', 'prefix' => 'prefix', 'user' => 'username', 'pass' => 'password'] as $q => $key) {
    if (isset($_GET[$q])) {
        $options[$key] = (string)$_GET[$q];
    }
}
$out = ['ret' => null, 'type' => null, 'pid' => $pid, 'seq' => $seq, 'msg' => $msg,
        'ms' => null, 'warnings' => [], 'exception' => null];
$warnings = [];
set_error_handler(function (int $no, string $str) use (&$warnings) {
    $warnings[] = ['level' => $no, 'message' => $str];
    return true;
});
$start = hrtime(true);
try {
    $emitter = new SocketIO\Emitter($options ? $options : null);
    $start = hrtime(true);
    $r = $emitter->emit('t', $msg);
    $out['ret'] = $r;
    $out['type'] = get_debug_type($r);
} catch (Throwable $t) {
    $out['exception'] = get_class($t) . ': ' . $t->getMessage();
}
$out['ms'] = (hrtime(true) - $start) / 1e6;
restore_error_handler();
$out['warnings'] = $warnings;
echo json_encode($out);
$hold = min(10000, max(0, (int)($_GET['hold'] ?? 0)));
if ($hold > 0) {
    fastcgi_finish_request();
    usleep($hold * 1000);
}
