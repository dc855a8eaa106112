<?php
// This worker's pool figures, as JSON.
try {
    echo json_encode(['pid' => getmypid(), 'stats' => SocketIO\Emitter::stats()]);
} catch (Throwable $t) {
    echo json_encode(['pid' => getmypid(), 'error' => get_class($t) . ': ' . $t->getMessage()]);
}
