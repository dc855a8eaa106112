--TEST--
Bad redis+cluster:// DSNs are a SocketIO\Exception naming the problem, never echoing the password; host/port options are refused with a cluster DSN
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$dsns = [
    'no seed'          => 'redis+cluster://',
    'no seed, creds'   => 'redis+cluster://user:hunter2@',
    'empty seed'       => 'redis+cluster://user:hunter2@127.0.0.1:7000,,127.0.0.1:7001',
    'bad port'         => 'redis+cluster://user:hunter2@127.0.0.1:7000,127.0.0.1:x',
    'port too big'     => 'rediss+cluster://:hunter2@127.0.0.1:70000',
    'database'         => 'redis+cluster://:hunter2@127.0.0.1:7000/2',
    'query'            => 'redis+cluster://:hunter2@127.0.0.1:7000?db=1',
    'user, no pass'    => 'redis+cluster://user@127.0.0.1:7000',
];
foreach ($dsns as $label => $dsn) {
    foreach ([$dsn, ['dsn' => $dsn]] as $i => $arg) {
        try {
            new SocketIO\Emitter($arg);
            echo "$label: accepted\n";
        } catch (SocketIO\Exception $e) {
            $m = $e->getMessage();
            if ($i === 0) echo "$label: $m\n";
            if (str_contains($m, 'hunter2')) echo "  LEAK: $m\n";
        }
    }
}
foreach (['host' => 'h', 'port' => 7000] as $key => $value) {
    try {
        new SocketIO\Emitter(['dsn' => 'redis+cluster://127.0.0.1:7000', $key => $value]);
        echo "$key: accepted\n";
    } catch (SocketIO\Exception $e) {
        echo "$key: ", $e->getMessage(), "\n";
    }
}
// Valid forms are accepted without connecting (connections are lazy).
foreach (['redis+cluster://127.0.0.1:7000', 'redis+cluster://u:p@127.0.0.1:7000,[::1]:7001,localhost', 'rediss+cluster://127.0.0.1:7000/'] as $dsn) {
    new SocketIO\Emitter($dsn);
}
echo "valid forms accepted\n";
?>
--EXPECT--
no seed: invalid DSN: redis+cluster:// needs at least one seed node (host:port[,host:port...])
no seed, creds: invalid DSN: redis+cluster:// needs at least one seed node (host:port[,host:port...])
empty seed: invalid DSN: seed node #2 of the redis+cluster:// DSN is empty
bad port: invalid DSN: invalid port number (in seed node #2 of the redis+cluster:// DSN)
port too big: invalid DSN: invalid port number (in seed node #1 of the redis+cluster:// DSN)
database: invalid DSN: a Redis Cluster has only database 0: remove the path after the seed nodes
query: invalid DSN: a redis+cluster:// DSN takes no query parameters
user, no pass: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
host: option 'host' cannot be used with a redis+cluster:// DSN (list the seed nodes in the DSN)
port: option 'port' cannot be used with a redis+cluster:// DSN (list the seed nodes in the DSN)
valid forms accepted
