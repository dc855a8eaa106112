<?php
// Tries every way a password could come out of the extension and prints it
// all, in sections ("@@ name"), for the suite to search for the password.
// Run with display_errors=1 and the password in socketio_emitter.dsn too.
//   php secret.php <file holding the password> <dead port> <live port>
// (the password is read from a file: phpinfo() would show it in $_SERVER['argv'])
// <dead port>: nothing listens (connect errors); <live port>: a Redis where
// user "user" has another password (AUTH errors).
[$_, $pwfile, $dead, $live] = $argv;
$pw = trim(file_get_contents($pwfile));

function section(string $name): void
{
    echo "\n@@ $name\n";
}

$warnings = [];
$collect = function (int $no, string $str) use (&$warnings) {
    $warnings[] = "[$no] $str";
    return true;
};

function dumps(string $label, $e): void
{
    section("dump $label");
    var_dump($e);
    print_r($e);
    echo "\n";
    try {
        var_export($e);
    } catch (Throwable $t) {
        echo 'var_export threw ', get_class($t), ': ', $t->getMessage();
    }
    echo "\n";
    try {
        echo json_encode($e, JSON_THROW_ON_ERROR);
    } catch (Throwable $t) {
        echo 'json_encode threw ', get_class($t), ': ', $t->getMessage();
    }
    echo "\n";
    try {
        echo serialize($e);
    } catch (Throwable $t) {
        echo 'serialize threw ', get_class($t), ': ', $t->getMessage();
    }
    echo "\n";
    try {
        var_dump((array)$e, get_object_vars($e));
        debug_zval_dump($e);
        echo (new ReflectionObject($e))->__toString();
    } catch (Throwable $t) {
        echo get_class($t), ': ', $t->getMessage();
    }
    try {
        $c = clone $e;
        var_dump($c);
    } catch (Throwable $t) {
        echo 'clone threw ', get_class($t), ': ', $t->getMessage();
    }
}

$cases = [];
foreach (['dead' => $dead, 'live' => $live] as $kind => $port) {
    $cases += [
        "$kind dsn string" => "redis://user:$pw@127.0.0.1:$port",
        "$kind dsn option" => ['dsn' => "redis://user:$pw@127.0.0.1:$port"],
        "$kind password option" => ['dsn' => "redis://127.0.0.1:$port", 'username' => 'user', 'password' => $pw],
        "$kind password only" => ['dsn' => "redis://127.0.0.1:$port", 'password' => $pw],
    ];
}
$emit_exceptions = 0;
foreach ($cases as $label => $options) {
    section("construct $label");
    try {
        $e = new SocketIO\Emitter($options);
    } catch (Throwable $t) {
        echo 'constructor threw ', get_class($t), ': ', $t->getMessage(), "\n", $t, "\n";
        continue;
    }
    dumps($label, $e);
    section("exception $label");
    try {
        $e->emit('x', 1);
        echo "emit did not throw\n";
    } catch (Throwable $t) {
        $emit_exceptions++;
        echo get_class($t), ': ', $t->getMessage(), "\n";
        echo $t, "\n";
        echo $t->getTraceAsString(), "\n";
        var_dump($t);
        print_r($t);
        echo json_encode(['m' => $t->getMessage(), 'trace' => $t->getTrace()]), "\n";
    }
    $warnOptions = is_array($options) ? $options + ['on_error' => 'warn'] : ['dsn' => $options, 'on_error' => 'warn'];
    section("warning $label");
    try {
        $w = new SocketIO\Emitter($warnOptions);
        set_error_handler($collect);
        $r = $w->emit('x', 1);
        restore_error_handler();
        echo 'emit returned ', var_export($r, true), "; warnings via handler:\n", implode("\n", $warnings), "\n";
        $warnings = [];
        echo "displayed by PHP (display_errors=1):\n";
        $r = $w->emit('x', 1);
    } catch (Throwable $t) {
        restore_error_handler();
        echo 'warn mode threw ', get_class($t), ': ', $t->getMessage(), "\n";
    }
    section("silent $label");
    try {
        $s = new SocketIO\Emitter(is_array($options) ? $options + ['on_error' => 'silent'] : ['dsn' => $options, 'on_error' => 'silent']);
        var_dump($s->emit('x', 1));
        var_dump(error_get_last());
    } catch (Throwable $t) {
        echo 'silent mode threw ', get_class($t), ': ', $t->getMessage(), "\n";
    }
}

section('invalid options with a password');
foreach ([
    "redis://user:$pw@127.0.0.1:notaport",
    "redis://user:$pw@",
    "rediss://user:$pw@127.0.0.1:$dead/abc",
    "unix://user:$pw@/tmp/x.sock?bogus=1",
    ['dsn' => "redis://127.0.0.1:$dead", 'password' => $pw, 'bogus' => 1],
    ['dsn' => "redis://127.0.0.1:$dead", 'password' => $pw, 'timeout' => -1],
    ['dsn' => "redis://127.0.0.1:$dead", 'password' => [$pw]],
    ['dsn' => "redis://127.0.0.1:$dead", 'password' => $pw, 'on_error' => $pw],
] as $options) {
    try {
        new SocketIO\Emitter($options);
        echo "accepted\n";
    } catch (Throwable $t) {
        echo get_class($t), ': ', $t->getMessage(), "\n";
    }
}

section('ini dsn');
try {
    $e = new SocketIO\Emitter();
    dumps('ini', $e);
    section('exception ini');
    try {
        $e->emit('x', 1);
    } catch (Throwable $t) {
        $emit_exceptions++;
        echo get_class($t), ': ', $t->getMessage(), "\n", $t, "\n";
    }
} catch (Throwable $t) {
    echo 'constructor threw ', get_class($t), ': ', $t->getMessage(), "\n";
}

section('ini_get_all');
var_dump(ini_get_all('socketio_emitter'));
var_dump(ini_get_all('socketio_emitter', false));

section('stats');
try {
    var_dump(SocketIO\Emitter::stats());
} catch (Throwable $t) {
    echo get_class($t), ': ', $t->getMessage(), "\n";
}

section('phpinfo');
phpinfo();

section('done');
echo "emit exceptions: $emit_exceptions\nSECRET-SCRIPT-DONE\n";
