<?php

namespace Config;

use App\Libraries\Realtime;
use CodeIgniter\Config\BaseService;

/** Merge into your app/Config/Services.php. */
class Services extends BaseService
{
    /** service('socketio'): one Realtime (one Emitter, one Redis connection) per worker. */
    public static function socketio(bool $getShared = true): Realtime
    {
        if ($getShared) {
            return static::getSharedInstance('socketio');
        }

        return new Realtime(config('SocketIO'));
    }
}
