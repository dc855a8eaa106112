<?php
// Shared by the PHP halves of the Node tests (conformance.php, sharded.php,
// streams.php, tests/stacks/stacks.php): the "@@ {json}" records the drivers
// read (L.phpRecords in lib.js).

declare(strict_types=1);

/** One record line for the driver. */
function record(array $r): void
{
    echo '@@ ', json_encode($r, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
}

/** Runs one case: {"name", "ret"} with what it returned, or {"name", "error"} with what it threw. */
function run(string $name, callable $call): void
{
    try {
        record(['name' => $name, 'ret' => $call()]);
    } catch (Throwable $e) {
        record(['name' => $name, 'error' => get_class($e) . ': ' . $e->getMessage()]);
    }
}
