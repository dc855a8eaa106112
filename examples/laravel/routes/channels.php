<?php

use Illuminate\Support\Facades\Broadcast;

// Who may be in which room. The page posts channel_name=private-team.1 (and
// private-admin for admins) to /broadcasting/auth once after login; a yes
// puts the session's sockets in the room, now and at every reconnect.
Broadcast::channel('team.{team}', fn ($user, int $team) => $user->team_id === $team);
Broadcast::channel('admin', fn ($user) => (bool) $user->is_admin);
