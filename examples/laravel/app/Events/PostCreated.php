<?php

namespace App\Events;

use Illuminate\Broadcasting\InteractsWithSockets;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcast;

/**
 * A post for a team. ShouldBroadcast: goes through the queue (sync here, a
 * worker in production). Echo: Echo.private('team.1').listen('PostCreated', …)
 * (Echo prefixes its default namespace, App.Events).
 */
class PostCreated implements ShouldBroadcast
{
    use InteractsWithSockets;

    public function __construct(public array $post)
    {
    }

    public function broadcastOn(): array
    {
        return [new PrivateChannel('team.' . $this->post['team'])];
    }
}
