<?php
require __DIR__ . "/page.php";
page("phpredis-ready");
