--TEST--
Invalid UTF-8 strings are rejected with SocketIO\Exception whose message suggests SocketIO\Binary; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$bad = [
    'lone 0xff'        => "\xff",
    'bad continuation' => "\xc3\x28",
    'overlong slash'   => "\xc0\xaf",
    'utf16 surrogate'  => "\xed\xa0\x80",
    'truncated 3-byte' => "abc\xe2\x82",
    'above U+10FFFF'   => "\xf4\x90\x80\x80",
    'latin1 text'      => "caf\xe9",
];
foreach ($bad as $label => $s) {
    foreach (['top' => [$s], 'nested' => [['list', ['k' => $s]]]] as $where => $args) {
        $t = sio_catch(fn() => $e->emit('ev', ...$args));
        printf("%s (%s): %s, mentions SocketIO\\Binary: %s\n", $label, $where, sio_describe($t),
            $t && str_contains($t->getMessage(), 'SocketIO\Binary') ? 'yes' : 'NO');
    }
}
sio_show_all($sub->collect());
?>
--EXPECT--
lone 0xff (top): SocketIO\Exception, mentions SocketIO\Binary: yes
lone 0xff (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
bad continuation (top): SocketIO\Exception, mentions SocketIO\Binary: yes
bad continuation (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
overlong slash (top): SocketIO\Exception, mentions SocketIO\Binary: yes
overlong slash (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
utf16 surrogate (top): SocketIO\Exception, mentions SocketIO\Binary: yes
utf16 surrogate (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
truncated 3-byte (top): SocketIO\Exception, mentions SocketIO\Binary: yes
truncated 3-byte (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
above U+10FFFF (top): SocketIO\Exception, mentions SocketIO\Binary: yes
above U+10FFFF (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
latin1 text (top): SocketIO\Exception, mentions SocketIO\Binary: yes
latin1 text (nested): SocketIO\Exception, mentions SocketIO\Binary: yes
0 message(s)
