<?php

use Illuminate\Support\Facades\Broadcast;

// Who may subscribe to what (asked by the Node server when Echo subscribes).
// Echo: Echo.private('team.1') → "private-team.1"; Echo.join('lobby') → "presence-lobby".
Broadcast::channel('team.{team}', fn ($user, int $team) => (int) $user->team_id === $team);
// A presence channel answers with what the other members see of the user.
Broadcast::channel('lobby', fn ($user) => ['id' => $user->id, 'name' => $user->name]);
// Per-channel guards: only a user logged in with the `ops` guard may subscribe.
Broadcast::channel('ops', fn ($user) => $user !== null, ['guards' => ['ops']]);
