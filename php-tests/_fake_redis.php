<?php
/*
 * A scripted fake Redis for the connection tests (run as a separate PHP process by
 * sio_fake_redis() in _helpers.inc). Prints its port on stdout, then serves forever.
 *
 * mode "stale": on the FIRST connection, the first PUBLISH is answered late (after 1.2 s)
 *   with :111 and any later PUBLISH there with :222; every other connection answers
 *   PUBLISH with :7 at once. A client that reuses the connection whose command timed out
 *   therefore gets 111 or 222 instead of 7.
 * mode "status": PUBLISH is answered with +OK (a status, not a receiver count).
 * mode "maxclients": every connection gets "-ERR max number of clients reached" and is
 *   closed, as Redis does over its maxclients limit.
 * mode "noauth": every command gets "-NOAUTH Authentication required." (a Redis with
 *   requirepass, and a client that sent no AUTH).
 * mode "nulerror": PUBLISH is answered with an error reply containing a NUL byte.
 * mode "http": answers the first bytes with an HTTP 400 response and closes (a web server).
 * mode "close": closes every connection at once, without a byte.
 * Non-PUBLISH commands get +OK (PING gets +PONG) so that client handshakes succeed.
 */
$mode = $argv[1] ?? 'stale';
$srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$name = stream_socket_get_name($srv, false);
echo substr($name, strrpos($name, ':') + 1), "\n";
fflush(STDOUT);
$clients = [];   // id => ['sock', 'buf', 'n' (connection number), 'publishes']
$pending = [];   // [time, sock, reply]
$conn = 0;
function parse_cmd(string &$buf): ?array {
    if ($buf === '' ) return null;
    if ($buf[0] !== '*') {               // inline command
        $p = strpos($buf, "\r\n");
        if ($p === false) return null;
        $line = substr($buf, 0, $p); $buf = substr($buf, $p + 2);
        return preg_split('/\s+/', trim($line));
    }
    $p = strpos($buf, "\r\n");
    if ($p === false) return null;
    $n = (int)substr($buf, 1, $p - 1);
    $off = $p + 2; $args = [];
    for ($i = 0; $i < $n; $i++) {
        $q = strpos($buf, "\r\n", $off);
        if ($q === false) return null;
        $len = (int)substr($buf, $off + 1, $q - $off - 1);
        if (strlen($buf) < $q + 2 + $len + 2) return null;
        $args[] = substr($buf, $q + 2, $len);
        $off = $q + 2 + $len + 2;
    }
    $buf = substr($buf, $off);
    return $args;
}
while (true) {
    $r = [$srv];
    foreach ($clients as $c) $r[] = $c['sock'];
    $w = $e = null;
    @stream_select($r, $w, $e, 0, 50000);
    foreach ($r as $s) {
        if ($s === $srv) {
            $cs = @stream_socket_accept($srv, 0);
            if ($cs && ($mode === 'maxclients' || $mode === 'close')) {
                if ($mode === 'maxclients') { fwrite($cs, "-ERR max number of clients reached\r\n"); }
                fclose($cs);
                continue;
            }
            if ($cs) { $clients[(int)$cs] = ['sock' => $cs, 'buf' => '', 'n' => $conn++, 'pub' => 0]; }
            continue;
        }
        $id = (int)$s;
        $data = fread($s, 65536);
        if ($data === '' || $data === false) { fclose($s); unset($clients[$id]); continue; }
        $clients[$id]['buf'] .= $data;
        if ($mode === 'http') {
            fwrite($s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            fclose($s); unset($clients[$id]); continue;
        }
        while (($cmd = parse_cmd($clients[$id]['buf'])) !== null) {
            $name = strtoupper($cmd[0] ?? '');
            if ($mode === 'noauth') {
                $pending[] = [0, $s, "-NOAUTH Authentication required.\r\n"];
            } elseif ($mode === 'nulerror' && $name === 'PUBLISH') {
                $pending[] = [0, $s, "-ERR bad\0thing\r\n"];
            } elseif ($mode === 'status' && $name === 'PUBLISH') {
                $pending[] = [0, $s, "+OK\r\n"];
            } elseif ($name === 'PUBLISH') {
                $c = &$clients[$id];
                if ($c['n'] === 0) {
                    $pending[] = [microtime(true) + ($c['pub'] === 0 ? 1.2 : 0), $s, $c['pub'] === 0 ? ":111\r\n" : ":222\r\n"];
                } else {
                    $pending[] = [0, $s, ":7\r\n"];
                }
                $c['pub']++;
                unset($c);
            } elseif ($name === 'PING') {
                $pending[] = [0, $s, "+PONG\r\n"];
            } else {
                $pending[] = [0, $s, "+OK\r\n"];
            }
        }
    }
    $now = microtime(true);
    // replies on one socket must keep their order: only send a reply if no earlier one for that socket waits
    $blocked = [];
    foreach ($pending as $k => [$at, $s, $reply]) {
        $id = (int)$s;
        if (isset($blocked[$id])) continue;
        if ($at > $now) { $blocked[$id] = true; continue; }
        if (isset($clients[$id])) @fwrite($s, $reply);
        unset($pending[$k]);
    }
}
