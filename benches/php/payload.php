<?php
// Prints the message of measurement 1 as JSON (for the Node scripts), or with
// --sizes the PUBLISH payload sizes to 1 and 10 rooms (for redis-benchmark).
require __DIR__ . '/lib.php';
if (($argv[1] ?? '') === '--sizes') {
    $u = new UserlandEmitter(new Redis(), 'msgpack');
    echo strlen($u->to(rooms_of(1))->encode('post', [small_payload()])), ' ',
         strlen($u->to(rooms_of(10))->encode('post', [small_payload()])), "\n";
} else {
    echo json_encode(small_payload(), JSON_PRESERVE_ZERO_FRACTION), "\n";
}
