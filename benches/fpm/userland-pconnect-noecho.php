<?php
require __DIR__ . "/page.php";
page("userland-pconnect-noecho");
