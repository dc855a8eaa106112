<?php

namespace App\Controllers;

use CodeIgniter\Controller;
use CodeIgniter\Events\Events;

/**
 * CodeIgniter 4 version of the teams story (routes: POST login, POST posts,
 * POST logout). The users model is yours; here an array stands in for it.
 */
class Posts extends Controller
{
    /** Stand-in for your users table. */
    public const USERS = [
        'alice' => ['id' => 1, 'team' => 1, 'is_admin' => false],
        'admin' => ['id' => 2, 'team' => 1, 'is_admin' => true],
        'bob' => ['id' => 3, 'team' => 2, 'is_admin' => false],
    ];

    public function login()
    {
        $name = (string) $this->request->getPost('login');
        if (!isset(self::USERS[$name])) {
            return redirect()->to('/login');
        }
        session()->regenerate(true);
        session()->set(['user' => $name] + self::USERS[$name]);
        Events::trigger('login', (object) self::USERS[$name]);

        return redirect()->to('/posts');
    }

    public function create()
    {
        $team = (int) session()->get('team');
        $post = ['author' => session()->get('user'), 'team' => $team, 'text' => (string) $this->request->getPost('text')];
        // false: Redis is down (on_error 'log' logged it); the post is saved anyway.
        $sent = service('socketio')->toTeam($team, 'post', $post);

        return $this->response->setJSON(['ok' => true, 'live' => $sent]);
    }

    public function logout()
    {
        Events::trigger('logout');
        session()->destroy();

        return redirect()->to('/login');
    }
}
