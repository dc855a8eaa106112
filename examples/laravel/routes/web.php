<?php

use App\Events\PostCreated;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;

// The demo page: Laravel Echo (socket.io connector) against examples/node/echo-server.js.
Route::get('/', function () {
    ob_start();
    require resource_path('page.php');

    return response(ob_get_clean());
});

// Demo login without passwords: /login/alice (team 1), /login/bob (team 2), /login/carol (team 1);
// ?guard=ops logs in with the `ops` guard only (the `ops` channel's guard).
Route::get('/login/{name}', function (Request $request, string $name) {
    $user = Auth::getProvider()->retrieveByName($name);
    abort_if($user === null, 404);
    Auth::guard($request->query('guard') === 'ops' ? 'ops' : 'web')->login($user);
    $request->session()->regenerate();

    return redirect('/');
});

Route::post('/logout', function (Request $request) {
    Auth::guard('web')->logout();
    $request->session()->invalidate();

    return response()->json(['ok' => true]);
});

// A post to the user's team, to everyone but the sender's own socket
// (toOthers() reads X-Socket-ID, which the page sends).
Route::post('/posts', function (Request $request) {
    $user = $request->user();
    abort_if($user === null, 401);
    $post = ['team' => (int) $user->team_id, 'author' => $user->name, 'text' => (string) $request->input('text')];
    broadcast(new PostCreated($post))->toOthers();

    return response()->json(['ok' => true, 'post' => $post]);
});
