--TEST--
redis+sentinel:// DSNs: malformed ones and misplaced options are a SocketIO\Exception naming what is wrong, never echoing a password; a good one opens nothing at construction
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$cases = [
    'no master name'      => 'redis+sentinel://u:hunter2@127.0.0.1:26379',
    'empty master name'   => 'redis+sentinel://u:hunter2@127.0.0.1:26379/',
    'no sentinel'         => 'redis+sentinel://u:hunter2@/mymaster',
    'empty sentinel'      => 'redis+sentinel://u:hunter2@h1,,h2/mymaster',
    'bad port'            => 'redis+sentinel://u:hunter2@h1:26379,h2:x/mymaster',
    'port 0'              => 'redis+sentinel://h1:0/mymaster',
    'bad ipv6'            => 'redis+sentinel://[::1:26379/mymaster',
    'db not numeric'      => 'redis+sentinel://u:hunter2@h1/mymaster/abc',
    'too many segments'   => 'redis+sentinel://u:hunter2@h1/mymaster/0/1',
    'query'               => 'redis+sentinel://u:hunter2@h1/mymaster?db=1',
    'NUL in master name'  => 'redis+sentinel://h1/my%00master',
    'user without pass'   => 'redis+sentinel://user@h1/mymaster',
];
foreach ($cases as $label => $dsn) {
    foreach ([$dsn, ['dsn' => $dsn]] as $i => $options) {
        $t = sio_catch(fn() => new SocketIO\Emitter($options));
        $message = $t ? $t->getMessage() : '';
        echo $label, $i ? ' (array)' : '', ': ', sio_describe($t), ': ', $message,
            str_contains($message, 'hunter2') ? ' PASSWORD LEAKED' : '', "\n";
    }
}
$options = [
    'host option'            => ['dsn' => 'redis+sentinel://h1/m', 'host' => 'x'],
    'port option'            => ['dsn' => 'redis+sentinel://h1/m', 'port' => 6380],
    'sentinel_password, plain DSN' => ['dsn' => 'redis://h1', 'sentinel_password' => 'hunter2'],
    'sentinel_username alone' => ['dsn' => 'redis+sentinel://h1/m', 'sentinel_username' => 'watcher'],
    'sentinel_password type' => ['dsn' => 'redis+sentinel://h1/m', 'sentinel_password' => 42],
    'TLS option, plain sentinel DSN' => ['dsn' => 'redis+sentinel://h1/m', 'tls_ca_file' => '/ca.pem'],
];
foreach ($options as $label => $o) {
    $t = sio_catch(fn() => new SocketIO\Emitter($o));
    $message = $t ? $t->getMessage() : '';
    echo $label, ': ', sio_describe($t), ': ', $message, str_contains($message, 'hunter2') ? ' PASSWORD LEAKED' : '', "\n";
}
// Valid: nothing is connected at construction (these hosts do not exist).
foreach ([
    'redis+sentinel://u:p@sentinel-a.invalid:26379,sentinel-b.invalid/mymaster/2',
    'rediss+sentinel://[::1]:5000/mymaster',
    ['dsn' => 'rediss+sentinel://h/m', 'sentinel_username' => 'w', 'sentinel_password' => 's', 'tls_ca_file' => '/ca.pem'],
] as $ok) {
    echo 'valid: ', sio_describe(sio_catch(fn() => new SocketIO\Emitter($ok))), "\n";
}
?>
--EXPECT--
no master name: SocketIO\Exception: invalid DSN: missing master name: redis+sentinel://host:26379/master-name[/db]
no master name (array): SocketIO\Exception: invalid DSN: missing master name: redis+sentinel://host:26379/master-name[/db]
empty master name: SocketIO\Exception: invalid DSN: missing master name: redis+sentinel://host:26379/master-name[/db]
empty master name (array): SocketIO\Exception: invalid DSN: missing master name: redis+sentinel://host:26379/master-name[/db]
no sentinel: SocketIO\Exception: invalid DSN: missing sentinel address (redis+sentinel://host:26379,host2:26379/master-name)
no sentinel (array): SocketIO\Exception: invalid DSN: missing sentinel address (redis+sentinel://host:26379,host2:26379/master-name)
empty sentinel: SocketIO\Exception: invalid DSN: sentinel address #2: missing host
empty sentinel (array): SocketIO\Exception: invalid DSN: sentinel address #2: missing host
bad port: SocketIO\Exception: invalid DSN: sentinel address #2: the port must be a number between 1 and 65535
bad port (array): SocketIO\Exception: invalid DSN: sentinel address #2: the port must be a number between 1 and 65535
port 0: SocketIO\Exception: invalid DSN: sentinel address #1: the port must be a number between 1 and 65535
port 0 (array): SocketIO\Exception: invalid DSN: sentinel address #1: the port must be a number between 1 and 65535
bad ipv6: SocketIO\Exception: invalid DSN: sentinel address #1: an IPv6 address needs its closing ']'
bad ipv6 (array): SocketIO\Exception: invalid DSN: sentinel address #1: an IPv6 address needs its closing ']'
db not numeric: SocketIO\Exception: invalid DSN: the part after the master name must be a database number, like /mymaster/0
db not numeric (array): SocketIO\Exception: invalid DSN: the part after the master name must be a database number, like /mymaster/0
too many segments: SocketIO\Exception: invalid DSN: too many path segments: redis+sentinel://host:26379/master-name[/db]
too many segments (array): SocketIO\Exception: invalid DSN: too many path segments: redis+sentinel://host:26379/master-name[/db]
query: SocketIO\Exception: invalid DSN: a Redis Sentinel DSN takes no query or fragment: redis+sentinel://host:26379,host2:26379/master-name[/db]
query (array): SocketIO\Exception: invalid DSN: a Redis Sentinel DSN takes no query or fragment: redis+sentinel://host:26379,host2:26379/master-name[/db]
NUL in master name: SocketIO\Exception: invalid DSN: the master name contains a NUL byte (%00)
NUL in master name (array): SocketIO\Exception: invalid DSN: the master name contains a NUL byte (%00)
user without pass: SocketIO\Exception: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
user without pass (array): SocketIO\Exception: a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)
host option: SocketIO\Exception: option 'host' cannot be used with a Redis Sentinel DSN: the sentinels give the master's address
port option: SocketIO\Exception: option 'port' cannot be used with a Redis Sentinel DSN: the sentinels give the master's address
sentinel_password, plain DSN: SocketIO\Exception: option 'sentinel_password' needs a Redis Sentinel DSN (redis+sentinel://host:26379/master-name)
sentinel_username alone: SocketIO\Exception: option 'sentinel_username' needs 'sentinel_password' too: sentinels authenticate ACL users with AUTH <username> <password>
sentinel_password type: SocketIO\Exception: option 'sentinel_password' must be a string, int given
TLS option, plain sentinel DSN: SocketIO\Exception: option 'tls_ca_file' needs a TLS DSN (rediss://host:port)
valid: no exception
valid: no exception
valid: no exception
