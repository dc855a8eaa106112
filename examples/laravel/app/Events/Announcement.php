<?php

namespace App\Events;

use Illuminate\Broadcasting\Channel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** On the public channel `news` (or the one given). Echo: Echo.channel('news').listen('.announcement', …). */
class Announcement implements ShouldBroadcastNow
{
    public function __construct(public string $text, private ?Channel $channel = null)
    {
    }

    public function broadcastOn(): Channel
    {
        return $this->channel ?? new Channel('news');
    }

    public function broadcastAs(): string
    {
        return 'announcement';
    }
}
