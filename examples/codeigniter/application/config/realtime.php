<?php
defined('BASEPATH') or exit('No direct script access allowed');
// Loaded with the library: $this->load->library('realtime') passes $config to it.
// The Node server runs the examples/node session-rooms middleware with the same
// secret and cookie: 'ci_session' (or your $config['sess_cookie_name']).
$config['dsn'] = getenv('SOCKETIO_REDIS_DSN') ?: null;   // null: php.ini socketio_emitter.dsn
$config['secret'] = getenv('SOCKETIO_SESSION_SECRET') ?: null; // null: ini socketio_emitter.session_secret
$config['ttl'] = 7200; // like sess_expiration: the stored rooms outlive no session
