<?php

namespace App\Events;

use Illuminate\Broadcasting\Channel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** On the public channel `news`. Echo: Echo.channel('news').listen('.announcement', …). */
class Announcement implements ShouldBroadcastNow
{
    public function __construct(public string $text)
    {
    }

    public function broadcastOn(): Channel
    {
        return new Channel('news');
    }

    public function broadcastAs(): string
    {
        return 'announcement';
    }
}
