#!/usr/bin/env bash
# Prints socketio_emitter.ini, the file the .deb installs as
# /etc/php/<M.m>/mods-available/socketio_emitter.ini and `make install` writes:
# "; priority=20", the extension line, then every setting of src/ini.rs,
# commented out at its default, with its meaning from README.md's
# Configuration table. The settings are read from src/ini.rs each time, so a
# new one appears here without editing this script; one that README.md does
# not document stops the build (the ini must explain everything it lists).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python3 - "$repo/src/ini.rs" "$repo/README.md" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
readme = open(sys.argv[2], encoding="utf-8").read()

# pub const DSN: &CStr = c"socketio_emitter.dsn";
consts = dict(re.findall(r'const\s+(\w+)\s*:\s*&CStr\s*=\s*c"(socketio_emitter\.[a-z0-9_]+)"', src))
names = list(consts.values())
for n in re.findall(r'c"(socketio_emitter\.[a-z0-9_]+)"', src):  # entries not behind a const
    if n not in names:
        names.append(n)
# IniEntryDef::new(DSN, c"redis://...", IniEntryPermission::All)
defaults, perms = {}, {}
for const, value, perm in re.findall(r'IniEntryDef::new\(\s*(\w+|c"[^"]*")\s*,\s*c"((?:[^"\\]|\\.)*)"\s*,\s*IniEntryPermission::(\w+)', src):
    name = consts.get(const, const[2:-1] if const.startswith('c"') else const)
    defaults[name], perms[name] = value, perm
# | `socketio_emitter.dsn` | `redis://127.0.0.1:6379` | all | meaning |
docs = {}
for m in re.finditer(r'^\|\s*`(socketio_emitter\.[a-z0-9_]+)`\s*\|([^|]*)\|([^|]*)\|(.*)\|\s*$', readme, re.M):
    docs[m.group(1)] = (m.group(2).strip(), m.group(3).strip(), m.group(4).strip())

missing = [n for n in names if n not in docs]
if not names:
    sys.exit("tools/ini.sh: no socketio_emitter.* setting found in src/ini.rs")
if missing:
    sys.exit("tools/ini.sh: %s in src/ini.rs but not in README.md's Configuration table; document it there" % ", ".join(missing))

def plain(md):
    return md.replace("`", "")

out = [
    "; socketio_emitter: emits Socket.IO events through the Socket.IO Redis adapter",
    "; priority=20",
    "extension=socketio_emitter.so",
    "",
    "; Every setting below is shown at its default; uncomment to change it.",
    "; Options given to new SocketIO\\Emitter([...]) override these per emitter.",
    "; Generated from src/ini.rs and README.md (tools/ini.sh).",
]
for n in names:
    readme_default, scope, meaning = docs[n]
    default = defaults.get(n, plain(readme_default).replace("(empty)", ""))
    out.append("")
    out.append("; " + plain(meaning))
    if perms.get(n) == "System" or "php.ini only" in scope:
        out.append("; Settable in php.ini / the pool configuration only (ini_set() refuses it).")
    out.append(';%s = "%s"' % (n, default))
print("\n".join(out))
PY
