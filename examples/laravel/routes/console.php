<?php

use App\Events\Announcement;
use App\Jobs\AnnounceJob;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Support\Facades\Artisan;

// php artisan announce "text": a queued job (sync queue here) that broadcasts
// on the public channel `news`, as a worker or a cron command would.
Artisan::command('announce {text}', function (string $text) {
    AnnounceJob::dispatch($text);
    $this->info('announced');
});

// php artisan ops "text": straight from the CLI to the private channel `ops`.
Artisan::command('ops {text}', function (string $text) {
    broadcast(new Announcement($text, new PrivateChannel('ops')));
    $this->info('sent');
});
