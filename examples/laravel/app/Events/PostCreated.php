<?php

namespace App\Events;

use Illuminate\Broadcasting\InteractsWithSockets;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** A post for a team and the admins: one emit to both rooms, delivered once per browser. */
class PostCreated implements ShouldBroadcastNow
{
    use InteractsWithSockets;

    public function __construct(public array $post)
    {
    }

    public function broadcastOn(): array
    {
        return [new PrivateChannel('team.' . $this->post['team']), new PrivateChannel('admin')];
    }

    public function broadcastAs(): string
    {
        return 'post';
    }
}
