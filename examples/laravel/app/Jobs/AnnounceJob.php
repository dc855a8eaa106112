<?php

namespace App\Jobs;

use App\Events\Announcement;
use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Bus\Dispatchable;
use Illuminate\Queue\InteractsWithQueue;

/** A queued job that broadcasts: runs in `php artisan queue:work` (or at dispatch on the sync queue). */
class AnnounceJob implements ShouldQueue
{
    use Dispatchable;
    use InteractsWithQueue;
    use Queueable;

    public function __construct(public string $text)
    {
    }

    public function handle(): void
    {
        broadcast(new Announcement($this->text));
    }
}
