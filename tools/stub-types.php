<?php
// Filter for tools/stubs.sh: cargo-php writes `mixed` where the extension declares
// union types at run time (src/signatures.rs). Rewrites those parameter and return
// types from Reflection of the loaded extension, so the stubs match what PHP reports.
$stub = stream_get_contents(STDIN);
$class = new ReflectionClass('SocketIO\Emitter');
$docTypes = [];
foreach ($class->getMethods() as $method) {
    if ($method->hasReturnType()) {
        // the docblock right above the method
        $stub = preg_replace(
            '/@return mixed(\n\s*\*\/\n\s*public (?:static )?function ' . preg_quote($method->getName(), '/') . '\()/',
            '@return ' . $method->getReturnType() . '$1',
            $stub
        );
    }
    $name = preg_quote($method->getName(), '/');
    $stub = preg_replace_callback(
        "/(public (?:static )?function $name\\()([^)]*)(\\))(: [^ ]+)?( \\{\\})/",
        function (array $m) use ($method, &$docTypes): string {
            $params = $m[2];
            foreach ($method->getParameters() as $p) {
                $docTypes[$p->getName()] = (string) $p->getType();
                $type = (string) $p->getType();
                $params = preg_replace('/\bmixed (\.\.\.)?\$' . $p->getName() . '\b/', $type . ' $1$' . $p->getName(), $params);
            }
            $return = $m[4] ?? '';
            if ($return === ': mixed' && $method->hasReturnType()) {
                $return = ': ' . $method->getReturnType();
            }
            return $m[1] . $params . $m[3] . $return . $m[5];
        },
        $stub
    );
}
foreach ($docTypes as $param => $type) {
    if ($type !== 'mixed' && $type !== '') {
        $stub = str_replace("@param mixed \$$param\n", "@param $type \$$param\n", $stub);
    }
}
// bool parameters are registered nullable (src/params.rs: null must reach PHP's own
// conversion) and declared `bool` at run time (src/signatures.rs), as PHP declares them.
$stub = preg_replace('/\?bool (\$\w+ = (?:true|false)\b)/', 'bool $1', $stub);
$stub = preg_replace('/@param bool\|null (\$\w+)\n/', "@param bool $1\n", $stub);
echo $stub;
