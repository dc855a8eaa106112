<?php
defined('BASEPATH') or exit('No direct script access allowed');

/**
 * The seed's story: users log in, each browser's socket joins its team's room
 * (admins also 'admin'), a post reaches the poster's team and the admins, once.
 * The page connects to the Node server (examples/node/server.js, cookie
 * 'ci_session'); see examples/teams-demo for the page side.
 */
class Posts extends CI_Controller
{
    public function __construct()
    {
        parent::__construct();
        $this->load->helper('url');      // redirect()
        $this->load->library('session'); // before realtime: it reads the session
        $this->load->library('realtime');
        $this->load->model('users_model', 'users');
    }

    public function login()
    {
        $user = $this->users->check($this->input->post('login'), $this->input->post('password'));
        if (!$user) {
            return redirect('login');
        }
        $this->session->sess_regenerate(true);
        $this->session->set_userdata(['user_id' => $user->id, 'team' => $user->team, 'is_admin' => $user->is_admin]);
        $this->realtime->login($user->is_admin ? ['team:' . $user->team, 'admin'] : ['team:' . $user->team]);
        $this->users->add_session($user->id, session_id()); // for removeFromTeam() below
        redirect('posts');
    }

    public function create()
    {
        $team = (int) $this->session->userdata('team');
        $post = [
            'author' => (int) $this->session->userdata('user_id'),
            'team' => $team,
            'text' => (string) $this->input->post('text', true),
            'at' => new DateTimeImmutable(),
        ];
        $post['id'] = $this->users->save_post($post);
        $this->realtime->toTeam($team, 'post', $post);
        $this->output->set_content_type('application/json')->set_output(json_encode(['id' => $post['id']]));
    }

    /** Admin: "remove bob from team 2", applied to bob's open browsers at once. */
    public function remove_from_team(int $userId, int $team)
    {
        if (!$this->session->userdata('is_admin')) {
            show_error('Forbidden', 403);
        }
        $this->users->set_team($userId, null);
        $this->realtime->removeFromRoom($this->users->sessions_of($userId), 'team:' . $team);
        redirect('posts');
    }

    public function logout()
    {
        $this->realtime->logout();
        $this->users->remove_session((int) $this->session->userdata('user_id'), session_id());
        $this->session->sess_destroy();
        redirect('login');
    }
}
