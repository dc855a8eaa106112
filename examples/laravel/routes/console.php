<?php

use App\Jobs\AnnounceJob;
use Illuminate\Support\Facades\Artisan;

// php artisan announce "text": a queued job (sync queue here) that broadcasts
// on the public channel `news`, as a worker or a cron command would.
Artisan::command('announce {text}', function (string $text) {
    AnnounceJob::dispatch($text);
    $this->info('announced');
});
