<?php

namespace App\Auth;

use Illuminate\Auth\GenericUser;
use Illuminate\Contracts\Auth\Authenticatable;
use Illuminate\Contracts\Auth\UserProvider;

/** Three fixed users, no database: enough for the session guard of the demo and its test. */
class DemoUserProvider implements UserProvider
{
    public const USERS = [
        1 => ['id' => 1, 'name' => 'alice', 'team_id' => 1],
        2 => ['id' => 2, 'name' => 'bob', 'team_id' => 2],
        3 => ['id' => 3, 'name' => 'carol', 'team_id' => 1],
    ];

    public function retrieveById($identifier)
    {
        $user = self::USERS[(int) $identifier] ?? null;

        return $user ? new GenericUser($user + ['remember_token' => null]) : null;
    }

    public function retrieveByName(string $name): ?Authenticatable
    {
        foreach (self::USERS as $id => $user) {
            if ($user['name'] === $name) {
                return $this->retrieveById($id);
            }
        }

        return null;
    }

    public function retrieveByToken($identifier, $token)
    {
        return null;
    }

    public function updateRememberToken(Authenticatable $user, $token)
    {
    }

    public function retrieveByCredentials(array $credentials)
    {
        return isset($credentials['name']) ? $this->retrieveByName($credentials['name']) : null;
    }

    public function validateCredentials(Authenticatable $user, array $credentials)
    {
        return true; // demo: no passwords
    }
}
