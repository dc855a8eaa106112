--TEST--
max_attachments (default 10, option and ini, 0 = unlimited): more SocketIO\Binary values in one event throw before anything is sent, naming the limit and the option
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$bins = fn(int $n) => array_map(fn($i) => new SocketIO\Binary(chr($i)), range(1, $n));
$sub = new SioSub();
$e = sio_emitter();
echo '10 binaries: ', sio_describe(sio_catch(fn() => $e->emit('ev', $bins(10)))), "\n";
$t = sio_catch(fn() => $e->emit('ev', ['nested' => ['deep' => $bins(5)]], ...$bins(6)));
echo '11 binaries (nested and as arguments): ', sio_describe($t), "\n";
echo $t?->getMessage(), "\n";
echo 'option 0 (unlimited), 11: ', sio_describe(sio_catch(fn() => sio_emitter(['max_attachments' => 0])->emit('ev', $bins(11)))), "\n";
echo 'option 2, 3: ', sio_describe(sio_catch(fn() => sio_emitter(['max_attachments' => 2])->emit('ev', $bins(3)))), "\n";
ini_set('socketio_emitter.max_attachments', '1');
echo 'ini 1, 2: ', sio_describe(sio_catch(fn() => sio_emitter()->emit('ev', $bins(2)))), "\n";
echo 'ini 1, 1: ', sio_describe(sio_catch(fn() => sio_emitter()->emit('ev', $bins(1)))), "\n";
ini_set('socketio_emitter.max_attachments', 'lots');
echo 'bad ini: ', sio_catch(fn() => sio_emitter())?->getMessage(), "\n";
ini_set('socketio_emitter.max_attachments', '10');
echo 'bad option: ', sio_catch(fn() => sio_emitter(['max_attachments' => '10']))?->getMessage(), "\n";
foreach ($sub->collect() as $m) {
    echo substr_count(mp_dump($m['payload']), 'bin:'), " binaries published\n";
}
?>
--EXPECT--
10 binaries: no exception
11 binaries (nested and as arguments): SocketIO\Exception
the event has 11 SocketIO\Binary values, more than max_attachments (10), and was not sent: socket.io-parser (4.2.6+, 3.4.4+) disconnects a client that receives an event with more binary attachments than its limit (10 by default). Send fewer binaries (e.g. one Binary holding them all), or raise the 'max_attachments' option / socketio_emitter.max_attachments (0 = unlimited) if your clients allow more
option 0 (unlimited), 11: no exception
option 2, 3: SocketIO\Exception
ini 1, 2: SocketIO\Exception
ini 1, 1: no exception
bad ini: option 'socketio_emitter.max_attachments' must be a number
bad option: option 'max_attachments' must be an int (0 = unlimited), string given
10 binaries published
11 binaries published
1 binaries published
