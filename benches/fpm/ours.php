<?php
require __DIR__ . "/page.php";
page("ours");
